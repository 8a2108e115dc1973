"""Every model holding a personal field has a retention decision (residents/mydata/retention.py), next to the
personal-field registry: a new personal field on a model nobody decided about fails here (SECURITY.md §5.18)."""

import importlib
import pkgutil
from datetime import timedelta

from django.apps import apps

from core import migrations as core_migrations
from residents.mydata.registry import PERSONAL_FIELDS
from residents.mydata.retention import KEPT, NEVER_PURGED, PURGES, SECURITY_LOG_FLOOR

PURGED = {rule.model for rule in PURGES}


def test_every_model_with_a_personal_field_is_purged_or_says_why_it_is_kept():
    undecided = sorted({entry.model for entry in PERSONAL_FIELDS} - PURGED - set(KEPT))
    assert not undecided, "Models with personal fields but no retention decision:\n  " + "\n  ".join(undecided)


def test_a_purge_of_some_rows_says_why_the_others_are_kept():
    partial = {rule.model for rule in PURGES if rule.where}
    assert partial <= set(KEPT), sorted(partial - set(KEPT))


def test_each_purge_names_a_real_model_time_and_files_and_gives_its_reason():
    for rule in PURGES:
        model = apps.get_model(rule.model)
        *path, last = rule.after.split("__")
        for part in path:
            model = model._meta.get_field(part).related_model
        assert model._meta.get_field(last).get_internal_type() == "DateTimeField", rule.name
        assert all(apps.get_model(rule.model)._meta.get_field(name).get_internal_type() == "FileField"
                   for name in rule.files), rule.name  # fmt: skip
        assert rule.why.strip() and rule.period >= timedelta(0), rule.name
        assert rule.model not in NEVER_PURGED, rule.name
    assert len({rule.name for rule in PURGES}) == len(PURGES)


def test_models_with_files_purge_the_files_with_the_rows():
    for rule in PURGES:
        file_fields = [f.name for f in apps.get_model(rule.model)._meta.fields if f.get_internal_type() == "FileField"]
        assert set(rule.files) == set(file_fields), rule.name


def test_vote_evidence_is_kept_and_never_purged():
    assert {"committee.Ballot", "committee.BallotEvent", "committee.RollEntry", "committee.Motion"} <= NEVER_PURGED


def test_security_logs_are_kept_at_least_the_legal_floor_that_the_trigger_enforces():
    [name] = [m.name for m in pkgutil.iter_modules(core_migrations.__path__) if m.name.endswith("_retention")]
    migration = importlib.import_module(f"core.migrations.{name}")  # its number may change when branches merge
    assert timedelta(days=migration.FLOOR_DAYS) == SECURITY_LOG_FLOOR
    logs = [rule for rule in PURGES if rule.model in ("core.AuditEvent", "axes.AccessLog", "axes.AccessFailureLog")]
    assert len(logs) == 3 and all(rule.period >= SECURITY_LOG_FLOOR for rule in logs)
