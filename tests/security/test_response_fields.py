"""No over-exposure (SECURITY.md §5.3, issue 7): each role receives exactly the documented fields.

Every API row of the authorisation matrix is requested, in the matrix's scene, as every role the row answers
with a 2xx; the key paths of each object in the answer are compared with tests/security/field_sets.py. The
OpenAPI schema is walked too, so an operation that returns objects, or a serializer field, without a documented
set fails here even when the scene happens to return an empty list. Unmasked phone numbers are not checked
again: the matrix scans every body of every role already (test_policy_every_role_gets_the_expected_answer).
"""

import functools
from collections import defaultdict

from django.core.cache import cache

from tests.security.field_sets import RESPONSE_FIELDS
from tests.security.shapes import ROLE_CLASSES, openapi, response_objects, schema_paths, top_level
from tests.test_permission_matrix import POLICY, ROLES, _request, rolled_back, scene  # noqa: F401

WHERE = "tests/security/field_sets.py"
REFUSALS = {302, 401, 403, 404}  # a role answered with one of these may not call the operation at all
OUTSIDE_MATRIX = "open311_client"  # the only caller of the keyed Open311 requests: no matrix role has a key


def _codes(expected):
    return expected if isinstance(expected, set) else {expected}


def _key(row):
    return f"{row.method} {row.route}"


def _shapes(documented) -> tuple:
    return documented if isinstance(documented, tuple) else (documented,)


@functools.cache
def schema_operations() -> dict:
    """{"METHOD url-name": key paths its 2xx JSON answer holds per the schema (None: no JSON object)}."""
    operations, components = openapi()
    return {key: schema_paths(operation, components) for key, operation in operations.items()}


def callers() -> dict:
    """{"METHOD url-name": role classes the matrix lets call it (a 2xx, or a 400/409 on this object's state)}."""
    found = defaultdict(set)
    for row in POLICY:
        if row.api:
            for role, expected in row.expect.items():
                if not _codes(expected) <= REFUSALS:
                    found[_key(row)].add(ROLE_CLASSES[role])
    return found


def test_every_operation_returning_objects_documents_the_fields_of_each_caller():
    """Static: from the schema. A new operation, caller or serializer field needs its documented set."""
    allowed, problems = callers(), []
    for key, paths in schema_operations().items():
        documented = RESPONSE_FIELDS.get(key, {})
        if paths is None and not documented:
            continue  # returns no JSON object (204, a file, XML whose JSON twin is documented)
        want = allowed.get(key) or {OUTSIDE_MATRIX}
        if set(documented) != want:
            problems.append(
                f"{key}: documented for {sorted(documented)}, but called by {sorted(want)}: add or remove "
                f'RESPONSE_FIELDS["{key}"][<class>] in {WHERE}'
            )
        for role_class, shapes in documented.items():
            if undocumented := (paths or set()) - set().union(*_shapes(shapes)):
                problems.append(
                    f"{key} ({role_class}): the schema returns {sorted(undocumented)}, not documented: add them "
                    f'to RESPONSE_FIELDS["{key}"]["{role_class}"] in {WHERE} if this role class may see them'
                )
    stale = set(RESPONSE_FIELDS) - set(schema_operations())
    problems += [f"{key}: documented in {WHERE} but not an operation of the schema" for key in sorted(stale)]
    assert not problems, "\n  ".join(["Response field sets:", *problems])


def _check(key, role, objects, union):
    documented = RESPONSE_FIELDS.get(key, {}).get(ROLE_CLASSES[role])
    if documented is None:
        return [
            f"{key} as {role}: returns objects but has no documented set for class {ROLE_CLASSES[role]}: add "
            f'RESPONSE_FIELDS["{key}"]["{ROLE_CLASSES[role]}"] in {WHERE}'
        ]
    problems, shapes = [], _shapes(documented)
    for paths in objects:
        union[key, ROLE_CLASSES[role]] |= paths
        # the shape of this kind of object: the one whose top-level keys it has (there is one unless one_of)
        shape = next((shape for shape in shapes if top_level(shape) == top_level(paths)), shapes[0])
        if extra := paths - shape:
            problems.append(f"{key} as {role}: over-exposed, not documented: {sorted(extra)}")
        if missing := top_level(shape) - top_level(paths):
            problems.append(f"{key} as {role}: documented but not returned: {sorted(missing)}")
    return problems


def test_each_role_receives_exactly_the_documented_fields(scene):  # noqa: F811 (the matrix's fixture)
    """Dynamic: every API row of the matrix, as every role it answers with a 2xx."""
    problems, union = [], defaultdict(set)
    for row in POLICY:
        if not row.api:
            continue
        for role in ROLES:
            if not any(200 <= code < 300 for code in _codes(row.expect[role])):
                continue
            cache.clear()
            with rolled_back():
                _, response = _request(row, scene, role)
                objects = response_objects(response)
            if objects is not None:
                problems += _check(_key(row), role, objects, union)
    # What is documented for a class seen here must be returned to it, or be in the schema (data the scene
    # leaves empty, such as a list of photos).
    for (key, role_class), paths in union.items():
        possible = paths | (schema_operations().get(key) or set())
        if stale := set().union(*_shapes(RESPONSE_FIELDS[key][role_class])) - possible:
            problems.append(f"{key} ({role_class}): documented in {WHERE} but never returned: {sorted(stale)}")
    assert not problems, "\n  ".join(["Response fields per role:", *problems])
