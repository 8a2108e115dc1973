"""Schemathesis over the live OpenAPI schema, as anonymous and as every role (issue 7 "Fuzzing", SECURITY.md §2a).

The schema is generated in-process by drf-spectacular (the schema endpoint is staff-only outside development), and
every operation is called in-process through Django's WSGI handler with the role's API token, in a savepoint rolled
back after each example, on the permission matrix's scene (tests/security/conftest.py). Checks: no server error, only
documented statuses and content types, responses valid against the schema, invalid data refused, and auth never
ignored. On top, the object-level check: a resident's request naming another household's or another estate's object
never gets a 2xx, whatever else the request carries.

Bounded so CI (the whole suite, twice, `-n 2`) stays well within its time: FUZZ_EXAMPLES examples per operation and
generation mode (1 under the `ci` profile, more under `dev`), and the conformance pass runs for CONFORMANCE_ROLES, one
role of each kind, not all twelve. That subset is enough because conformance (no 5xx, documented statuses and content
types, schema-valid bodies, invalid input refused) depends on which branch of a view a request takes, and the branches
are: no credentials (anonymous), a resident's scope (owner), estate staff (manager: dispatch, registry and people
views), a committee member (committee: the committee API) and the all-estates admin. The remaining roles differ only
in *which* of those branches answer, and that — every role × every operation's status code — is what the permission
matrix (tests/test_permission_matrix.py) already proves. The object-level check, where a leak would be a role's own,
still runs for every resident role. Every failing operation is listed at the end of its role's test, each with a curl
command to reproduce it.
"""

import re

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from feedback.complaints.services import Submission, complaint_submit
from repairs.services import Report, work_order_submit
from tests.residents.factories import OwnershipFactory
from tests.test_permission_matrix import POLICY, RESIDENTS, rolled_back

# The whole module on a quiet 2-core machine takes a few minutes; the timeout leaves room for a loaded CI runner.
pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(1200)]

# A twentieth of the profile's examples per operation and mode (ci: 25 → 1 valid and 1 invalid request per operation
# and role), so the module stays within a few minutes on 2 cores; HYPOTHESIS_PROFILE=dev (100) fuzzes deeper (5).
FUZZ_EXAMPLES = max(1, hypothesis_settings.default.max_examples // 20)
# One role of each kind (see the module docstring for why this subset is enough).
CONFORMANCE_ROLES = ("anonymous", "owner", "manager", "committee", "admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    # No shrinking: it can take hundreds of calls per failure, and schemathesis prints a curl command anyway.
    phases=[Phase.explicit, Phase.generate],
    # Generation cost and size differ a lot between operations (multipart bodies, deep objects), and negative mode
    # throws away draws that happen to be valid: properties of the schema's strategies, not findings about Linli.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)
SCHEMA = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
SCHEMA.app = WSGIHandler()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def in_test_transaction():
    """Requests run inside the test's transaction: Django's own test client disconnects these handlers too, since
    close_old_connections closes a connection that is inside an atomic block."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def token_headers(user):
    """The role's API token, sent as the schema's tokenAuth: ignored_auth can then strip or spoil it."""
    if user is None:
        return {}
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _fuzz(operation, strategy, call, *, negative=False):
    """Run `call(case)` on FUZZ_EXAMPLES cases; the failure text, or None."""

    @FUZZ_SETTINGS
    @given(case=strategy)
    def examples(case):
        cache.clear()  # throttles count per user: fuzzing is not abuse
        with rolled_back():
            call(case)

    try:
        examples()
    except Unsatisfiable:
        if negative:  # the operation takes nothing (no parameter, no body) that could be made invalid
            return None
        raise
    except (Exception, BaseExceptionGroup) as failure:  # every failing operation is listed, not just the first
        return f"{operation.label}\n{failure}"
    return None


def _report(problems):
    return "\n\n".join(problem for problem in problems if problem)


@pytest.mark.parametrize("role", CONFORMANCE_ROLES)
def test_every_operation_conforms_to_the_schema(role, scene, in_test_transaction):
    """As `role`, valid and invalid requests to every operation: no 5xx, no schema violation, auth enforced."""
    headers = token_headers(None if role == "anonymous" else scene.users[role])
    problems = [
        _fuzz(
            operation,
            operation.as_strategy(generation_mode=mode),
            lambda case: validate(case, headers),
            negative=mode is GenerationMode.NEGATIVE,
        )
        for operation in OPERATIONS
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    assert not any(problems), _report(problems)


def validate(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)


# --- object level: another household's or another estate's object is never answered with a 2xx ----------------


@pytest.fixture
def neighbours(scene):
    """A second household in estate A (unit A2) with a repair request and a complaint: same estate, not theirs."""
    neighbour = OwnershipFactory(unit=scene.unit_a2).person.user
    order = work_order_submit(
        actor=neighbour, report=Report(trade="plumbing", description="邻居家漏水", unit_id=scene.unit_a2.pk)
    )
    complaint = complaint_submit(
        actor=neighbour,
        submission=Submission(
            kind="complaint", estate="alpha", title="噪音", body="楼上装修", dimensions=("tangibles",)
        ),
    )
    return {"order": order, "complaint": complaint}


def _foreign_by_prefix(scene, neighbours, role):
    """Objects of someone else, by the resident API's path prefix: A's neighbour for A's residents, A's owner for
    the others; the newcomer's pending claim for A's residents."""
    if role in ("owner", "tenant"):
        order, complaint = neighbours["order"], neighbours["complaint"]
        claims = {"/api/v1/me/claims/": scene.claim_a.pk}
    else:
        order, complaint, claims = scene.order_a, scene.complaint_a, {"/api/v1/me/claims/": scene.claim_b.pk}
    return {"/api/v1/me/repairs/": order.pk, "/api/v1/me/complaints/": complaint.pk, **claims}


def _template_pattern(path):
    return re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$")


PATTERNS = [(operation, _template_pattern(operation.path)) for operation in OPERATIONS]


def _operation_for(url, method):
    """The schema operation a concrete URL and method call, with its path parameters."""
    for operation, pattern in PATTERNS:
        match = pattern.match(url)
        if match and operation.method.upper() == method:
            return operation, match.groupdict()
    return None, None


def foreign_targets(scene, neighbours, role):
    """(operation, path parameters) naming an object the role may not reach: the matrix rows where the role gets a
    403 or 404 on an object in the path, plus the same-estate neighbour's objects of the resident API."""
    targets = {}
    for row in POLICY:
        if row.api and row.expect[role] in (403, 404):
            operation, parameters = _operation_for(row.url(scene), row.method)
            if parameters:
                targets[(operation.label, tuple(sorted(parameters.items())))] = (operation, parameters)
    for prefix, pk in _foreign_by_prefix(scene, neighbours, role).items():
        for operation in OPERATIONS:
            if operation.path.startswith(prefix + "{id}"):
                targets[(operation.label, (("id", str(pk)),))] = (operation, {"id": str(pk)})
    return list(targets.values())


@pytest.mark.parametrize("role", RESIDENTS)
def test_residents_never_reach_another_households_object(role, scene, neighbours, in_test_transaction):
    """Whatever query and body a resident sends with another household's object in the path, it is not a 2xx."""
    headers = token_headers(scene.users[role])
    targets = foreign_targets(scene, neighbours, role)
    assert len(targets) > 20  # the matrix and the neighbour's objects give many: an empty list proves nothing

    def refused(case):
        response = case.call(headers=headers)
        assert not 200 <= response.status_code < 300, (
            f"{role} got {response.status_code} for {case.method} {case.formatted_path}: {response.text[:300]}"
        )

    problems = [
        _fuzz(operation, operation.as_strategy(path_parameters=parameters), refused)
        for operation, parameters in targets
    ]
    assert not any(problems), _report(problems)


# --- regressions of what the fuzz found, each proven on its own ------------------------------------------------


@pytest.mark.parametrize("page_size", ["abc", "0", "-1", "1.5"])
def test_a_page_size_that_is_not_a_whole_number_is_refused(world, api_as, page_size):
    response = api_as(world.users["owner"]).get("/api/v1/me/repairs/", {"page_size": page_size})
    assert response.status_code == 400 and "page_size" in response.json()["errors"]


def test_a_valid_page_size_still_pages(world, api_as):
    response = api_as(world.users["owner"]).get("/api/v1/me/repairs/", {"page_size": "5"})
    assert response.status_code == 200 and "results" in response.json()


@pytest.mark.parametrize("value", ["maybe", "yes please", "2"])
def test_a_boolean_filter_given_something_else_is_refused(world, api_as, value):
    """django-filter drops an unknown word and answers the unfiltered list: the caller would think it filtered."""
    response = api_as(world.users["dispatcher"]).get("/api/v1/staff/incidents/", {"ended_at__isnull": value})
    assert response.status_code == 400 and "ended_at__isnull" in response.json()["errors"]


@pytest.mark.parametrize("value", ["true", "True", "1", "false", "0", ""])
def test_a_boolean_filter_still_takes_true_and_false(world, api_as, value):
    response = api_as(world.users["dispatcher"]).get("/api/v1/staff/incidents/", {"ended_at__isnull": value})
    assert response.status_code == 200


def test_every_operation_documents_the_shared_error_shape_for_its_errors():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        if path.startswith("/api/v1/"):
            for method, operation in operations.items():
                assert {"401", "403", "429"} <= set(operation["responses"]), f"{method} {path}"
    report = schema["paths"]["/api/v1/staff/imports/"]["post"]["responses"]["400"]["content"]["application/json"]
    assert {"$ref": "#/components/schemas/Error"} in report["schema"]["oneOf"]


@pytest.mark.parametrize(
    "path", ["/api/v1/staff/scores/", "/api/v1/staff/scores/trend/", "/api/v1/staff/scores/technicians/"]
)
def test_an_estate_out_of_scope_in_the_query_is_a_documented_404(world, api_as, path):
    response = api_as(world.users["manager"]).get(path, {"estate": "beta"})
    assert response.status_code == 404
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "404" in schema["paths"][path]["get"]["responses"]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("StaffWorkOrder", "assignee"),
        ("StaffWorkOrder", "master"),
        ("StaffWorkOrder", "common_area"),
        ("StaffWorkOrder", "reporter_name"),
        ("ResidentWorkOrder", "common_area"),
        ("StaffIncident", "master_order"),
        ("ResidentComplaint", "staff_member"),
        ("HandlerComplaint", "staff_member"),
        ("CommonArea", "building"),
    ],
)
def test_fields_answered_as_null_are_documented_nullable(component, field):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["components"]["schemas"][component]["properties"][field].get("nullable") is True


def test_a_contact_email_left_blank_is_not_promised_as_an_address():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "format" not in schema["components"]["schemas"]["StaffWorkOrder"]["properties"]["contact_email"]
