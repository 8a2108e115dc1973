"""drf-spectacular hooks."""

from django.utils.translation import gettext_lazy as _

SCHEMA_PREFIXES = ("/api/v1/", "/open311/v2/")
UNSAFE_METHODS = ("post", "put", "patch", "delete")
ERROR_REF = {"$ref": "#/components/schemas/Error"}
# The one error shape core.api.exceptions renders (ARCHITECTURE.md "One error vocabulary").
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "A stable machine-readable code, e.g. invalid, not_found."},
        "detail": {"type": "string", "nullable": True, "description": "A translated message for people."},
        "errors": {
            "type": "object",
            "additionalProperties": {},
            "description": "Only for validation errors: the messages of each field that is not valid.",
        },
    },
    "required": ["code", "detail"],
}
ERROR_DESCRIPTIONS = {
    "400": _("The request is not valid: nothing was changed."),
    "401": _("Not signed in."),
    "403": _("Signed in, but not allowed to do this."),
    "404": _("Not found, or out of the caller's scope."),
    "409": _("Not possible in the object's current state, or a concurrent change won."),
    "415": _("The request body's media type is not accepted."),
    "429": _("Too many requests: try again after the Retry-After header's seconds."),
}


def only_linli_api(endpoints):
    """Keep Wagtail's admin API (and anything else mounted outside Linli's APIs) out of the schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(SCHEMA_PREFIXES)]


def _error_statuses(operation, method):
    """The error statuses an operation can answer, from what it takes. Any request may carry a bad token (401) or
    be refused (403) or throttled (429), public operations too."""
    parameters = operation.get("parameters", [])
    statuses = {"401", "403", "429"}
    if operation.get("requestBody") or any(parameter["in"] == "query" for parameter in parameters):
        statuses.add("400")
    if operation.get("requestBody"):
        statuses.add("415")
    # an object in the path, a page past the end of a list, or an estate named in the query that the caller may not
    # read (out of scope is 404, never 403: the staff scores answer so)
    if any(parameter["in"] == "path" or parameter["name"] in ("page", "estate") for parameter in parameters):
        statuses.add("404")
    if method in UNSAFE_METHODS:
        statuses.add("409")
    return statuses


def _also_the_error_shape(response):
    """An operation's own 400 body (e.g. the registry import's report) may also be the shared shape: its input
    serializer refuses a missing or unreadable field before the operation's own answer."""
    content = (response or {}).get("content", {}).get("application/json")
    if content and content.get("schema") != ERROR_REF and "oneOf" not in content.get("schema", {}):
        content["schema"] = {"oneOf": [content["schema"], ERROR_REF]}


def document_error_responses(result, generator, request, public):
    """Document the shared error shape on every Linli API operation, for each error status it can answer.

    Responses an operation documents itself (e.g. the registry import's 400 report) are left as they are.
    Open311 keeps its own error format (repairs/open311), so its paths are left alone.
    """
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            _also_the_error_shape(responses.get("400"))
            for status in sorted(_error_statuses(operation, method) - set(responses)):
                responses[status] = {
                    "description": str(ERROR_DESCRIPTIONS[status]),
                    "content": {"application/json": {"schema": ERROR_REF}},
                }
    return result
