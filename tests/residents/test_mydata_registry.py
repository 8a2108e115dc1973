"""The registry of personal fields covers every field of our apps that looks personal (SECURITY.md §5.18)."""

import re

from django.apps import apps
from django.conf import settings

from residents.mydata.exports import sections
from residents.mydata.registry import NOT_PERSONAL, PERSONAL_FIELDS, Erase

OUR_APPS = ("core", "residents", "repairs", "feedback", "committee", "portal")
# Words in a field name that suggest personal data (split on "_": "ip_address" → ip, address).
PERSONAL_WORDS = {"name", "names", "username", "phone", "email", "address", "body", "description", "note", "notes",
                  "comment", "ip"}  # fmt: skip
PERSON_MODELS = {settings.AUTH_USER_MODEL.lower(), "residents.person"}


def _looks_personal(field) -> bool:
    related = field.related_model if field.is_relation else None
    if related is not None and related._meta.label_lower in PERSON_MODELS and (field.concrete or field.many_to_many):
        return True
    return bool(set(re.split(r"_+", field.name.lower())) & PERSONAL_WORDS) and field.concrete


def _fields_of_our_apps():
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields(include_parents=True):
                if field.auto_created and not field.concrete:
                    continue  # reverse relations are covered from the other side
                yield model, field


def test_every_field_that_looks_personal_is_registered_or_marked_not_personal():
    registered = {entry.key for entry in PERSONAL_FIELDS}
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in _fields_of_our_apps()
        if _looks_personal(field) and f"{model._meta.label}.{field.name}" not in registered | set(NOT_PERSONAL)
    ]
    assert not missing, "Personal-looking fields in neither PERSONAL_FIELDS nor NOT_PERSONAL:\n  " + "\n  ".join(
        missing
    )


def test_registry_names_only_fields_that_exist():
    for key in [entry.key for entry in PERSONAL_FIELDS] + list(NOT_PERSONAL):
        label, name = key.rsplit(".", 1)
        apps.get_model(label)._meta.get_field(name)  # raises for a renamed or removed field


def test_registry_lookups_reach_a_user():
    """Each entry's `subject` leads from its model to the User whose data it is."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for entry in PERSONAL_FIELDS:
        if not entry.subject:
            continue
        model = apps.get_model(entry.model)
        for part in entry.subject.split("__"):
            model = model._meta.get_field(part).related_model
        assert model is user_model, entry.key


def test_every_entry_is_exported_or_says_why_not():
    known = set(sections())
    for entry in PERSONAL_FIELDS:
        assert entry.export in known or entry.why, entry.key
        if entry.erase == Erase.RETAIN:
            assert entry.why, f"{entry.key}: a retained field needs its reason"
    assert all(reason.strip() for reason in NOT_PERSONAL.values())


def test_a_new_personal_field_would_be_caught():
    """The walk sees a field it has never been told about: a name and a link to a person both count."""

    class Probe:
        def __init__(self, name, related=None):
            self.name, self.concrete, self.many_to_many = name, True, False
            self.is_relation = related is not None
            self.related_model = related

    assert _looks_personal(Probe("emergency_contact_phone"))
    assert _looks_personal(Probe("witness", related=apps.get_model("residents.Person")))
    assert not _looks_personal(Probe("floor"))
