"""No mass assignment (SECURITY.md §5.3, issue 7): extra keys in a write never change a protected column.

Every API write of the authorisation matrix (POST, PUT, PATCH) is sent, as the first role of each class the
matrix lets it succeed for, once with the matrix's own body and then with Hypothesis adding keys the role may
not write: protected column names (unit, resident, reporter, status, assignee, priority, estate, id,
created_at, version, rating, …, with hostile values such as estate A's ids) and random names. The answer must
be the same, the protected columns of every table the same as after the plain body, and the keys the input
serializers accepted must lie in the role class's documented writable set (tests/security/field_sets.py
WRITABLE), which the schema must document exactly. Each attempt runs in a savepoint that is rolled back, and the
clock is frozen, so attempts are independent (SECURITY.md §2b: Hypothesis needs independent examples).
"""

import dataclasses
import string
from contextlib import contextmanager

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from tests.security.field_sets import WRITABLE
from tests.security.shapes import ROLE_CLASSES, openapi, request_keys
from tests.security.test_response_fields import OUTSIDE_MATRIX, callers
from tests.test_permission_matrix import POLICY, ROLES, _request, rolled_back, scene  # noqa: F401

WHERE = "tests/security/field_sets.py"
OUR_APPS = ("core", "residents", "repairs", "feedback", "committee", "portal")
# Columns no write may set unless its documented writable set names them (SECURITY.md §1.3, §5.3).
PROTECTED = (
    "unit", "resident", "reporter", "status", "assignee", "priority", "estate", "id", "created_at", "version",
    "rating", "person", "user", "recipient", "author", "technician", "building", "household", "committee",
    "is_staff", "is_superuser", "is_active", "closed_at", "published_at",
)  # fmt: skip
ID_NAMES = ("unit_id", "resident_id", "reporter_id", "assignee_id", "estate_id", "person_id", "user_id", "building_id")
EXTRA_NAMES = (*PROTECTED, *ID_NAMES, "technician_id", "roles", "role", "state", "owner", "pk")
EXAMPLES = 2  # per write and role class, besides the explicit all-protected-keys example: keeps the module ~60 s
WRITE_METHODS = ("POST", "PUT", "PATCH")


def _ok(expected) -> bool:
    return any(200 <= code < 300 for code in (expected if isinstance(expected, set) else {expected}))


def writes():
    """(row, role): each API write of the matrix, as the first role of each class it succeeds for."""
    for row in POLICY:
        if not row.api or row.method not in WRITE_METHODS:
            continue
        seen = set()
        for role in ROLES:
            if _ok(row.expect[role]) and ROLE_CLASSES[role] not in seen:
                seen.add(ROLE_CLASSES[role])
                yield row, role


# --- the snapshot of protected columns ---------------------------------------------------------------------


def _protected_columns():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        columns = [field for field in model._meta.concrete_fields if field.name in PROTECTED or field.primary_key]
        if len(columns) > 1:
            yield model, columns


def existing_keys() -> dict:
    """The primary keys of every table before a write: a key not among them was made by the write. (Keys of
    rows made in a rolled-back savepoint differ on PostgreSQL, whose sequences do not roll back.)"""
    return {model: set(model._default_manager.values_list("pk", flat=True)) for model in apps.get_models()}


def snapshot(before: dict) -> dict:
    """Protected columns of every table of ours, with keys of rows the write made shown as "new"."""

    def shown(field, value):
        target = field.model if field.primary_key else field.related_model
        if target is not None and value is not None and value not in before.get(target, ()):
            return "new"
        return value

    found = {}
    for model, columns in _protected_columns():
        names = [field.attname for field in columns]
        rows = model._default_manager.values_list(*names)
        found[model._meta.label] = sorted(
            (tuple((f.name, shown(f, value)) for f, value in zip(columns, row, strict=True)) for row in rows), key=repr
        )
    return found


# --- what the input serializers accepted -------------------------------------------------------------------


@contextmanager
def accepted_keys():
    """Collect the top-level keys every input serializer validated during the request."""
    found, original = set(), serializers.Serializer.is_valid

    def is_valid(self, *args, **kwargs):
        valid = original(self, *args, **kwargs)
        if valid and self.parent is None and isinstance(self.validated_data, dict):
            found.update(self.validated_data)
        return valid

    serializers.Serializer.is_valid = is_valid
    try:
        yield found
    finally:
        serializers.Serializer.is_valid = original


# --- the extra keys ------------------------------------------------------------------------------------------


def hostile_values(world):
    """Values an attacker would send: another estate's and another household's ids, final states, old times."""
    return [
        world.unit_a.pk,
        world.unit_b.pk,
        world.estate_a.pk,
        "alpha",
        world.users["technician"].pk,
        world.users["owner"].person.pk,
        "closed",
        "urgent",
        "cancelled",
        "2000-01-01T00:00:00+08:00",
        99,
        1,
        True,
    ]


def extra_keys(writable, world):
    names = st.sampled_from([name for name in EXTRA_NAMES if name not in writable]) | st.text(
        string.ascii_lowercase + "_", min_size=1, max_size=12
    ).filter(lambda name: name not in writable)
    values = st.sampled_from(hostile_values(world)) | st.integers(-1, 10**6) | st.text(max_size=8) | st.none()
    return st.dictionaries(names, values, min_size=1, max_size=6)


def every_protected_key(writable, world):
    """The explicit example: every protected name the role may not write, each with estate A's unit id."""
    return {name: world.unit_a.pk for name in EXTRA_NAMES if name not in writable}


def _with_extras(row, extras):
    """The row's body with the extra keys added; form bodies carry them as text."""
    form = row.format != "json"

    def body(world, user):
        data = dict(row.body(world, user) if row.body else {})
        for key, value in extras.items():
            data.setdefault(key, ("" if value is None else str(value)) if form else value)
        return data

    return body


# --- the tests ---------------------------------------------------------------------------------------------


def test_every_write_documents_its_writable_keys_as_the_schema_does():
    operations, components = openapi()
    allowed, problems = callers(), []
    writes_in_schema = {key: op for key, op in operations.items() if key.split()[0] in WRITE_METHODS}
    for key, operation in writes_in_schema.items():
        keys, documented = request_keys(operation, components) or set(), WRITABLE.get(key, {})
        want = allowed.get(key) or {OUTSIDE_MATRIX}
        if set(documented) != want:
            problems.append(
                f"{key}: writable keys documented for {sorted(documented)}, but called by {sorted(want)}: "
                f'add or remove WRITABLE["{key}"][<class>] in {WHERE}'
            )
        for role_class, fields in documented.items():
            if keys != fields:
                problems.append(
                    f"{key} ({role_class}): the schema accepts {sorted(keys)}, documented {sorted(fields)}: "
                    f'make WRITABLE["{key}"]["{role_class}"] in {WHERE} what this role class may write'
                )
    problems += [
        f"{key}: in WRITABLE but not a write of the schema" for key in sorted(set(WRITABLE) - set(writes_in_schema))
    ]
    assert not problems, "\n  ".join(["Writable keys:", *problems])


@dataclasses.dataclass
class Outcome:
    status: int
    state: dict
    accepted: set


def _send(row, world, role, before, moment) -> Outcome:
    cache.clear()  # throttles must not turn an attempt into a 429
    with time_machine.travel(moment, tick=False), accepted_keys() as accepted, rolled_back():
        _, response = _request(row, world, role)
        state = snapshot(before)
    return Outcome(response.status_code, state, set(accepted))


def _changes(plain: dict, attacked: dict) -> list[str]:
    changed = []
    for table, rows in plain.items():
        if rows != attacked[table]:
            gone = [r for r in rows if r not in attacked[table]][:2]
            came = [r for r in attacked[table] if r not in rows][:2]
            changed.append(f"{table}: {gone} became {came}")
    return changed


def _attempts(row, role, world, before, moment) -> list[str]:
    """The plain write once, then Hypothesis's extra keys; the problems found, if any."""
    key, role_class = f"{row.method} {row.route}", ROLE_CLASSES[role]
    writable = WRITABLE.get(key, {}).get(role_class, frozenset())
    plain = _send(row, world, role, before, moment)
    label = f"{row.label} as {role}"
    if not 200 <= plain.status < 300:
        return [f"{label}: the plain body answers {plain.status}, expected a 2xx (see the matrix row)"]
    problems = []
    if extra := plain.accepted - writable:
        problems.append(f"{label}: accepted {sorted(extra)}, not in WRITABLE[{key!r}][{role_class!r}] in {WHERE}")

    @settings(
        settings.get_profile("ci"),
        max_examples=EXAMPLES,
        phases=(Phase.explicit, Phase.generate),  # no shrinking: the failing keys are named anyway
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(extras=extra_keys(writable, world))
    @example(extras=every_protected_key(writable, world))
    def attempt(extras):
        attacked = _send(dataclasses.replace(row, body=_with_extras(row, extras)), world, role, before, moment)
        assert attacked.status == plain.status, (
            f"extra keys {sorted(extras)} turned {plain.status} into {attacked.status}"
        )
        taken = attacked.accepted & set(extras)
        assert not taken, f"extra keys accepted: {sorted(taken)}"
        changed = _changes(plain.state, attacked.state)
        assert not changed, f"extra keys {sorted(extras)} changed protected columns: " + "; ".join(changed)

    try:
        attempt()
    except AssertionError as failure:
        problems.append(f"{label}: {str(failure).splitlines()[0]}")
    return problems


@pytest.mark.parametrize("role_class", ["resident", "staff", "committee", "anonymous"])
def test_extra_keys_in_a_write_never_change_protected_columns(scene, role_class):  # noqa: F811 (the matrix's fixture)
    before, moment = existing_keys(), timezone.now()
    problems = []
    for row, role in writes():
        if ROLE_CLASSES[role] == role_class:
            problems += _attempts(row, role, scene, before, moment)
    assert not problems, "\n  ".join([f"Mass assignment ({role_class}):", *problems])
