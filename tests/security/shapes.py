"""What a response exposes, as a set of key paths, and which role class each matrix role belongs to.

Shared by the over-exposure test (tests/security/test_response_fields.py) and the documented sets
(tests/security/field_sets.py). A path names a key inside an object: `unit.number` for a nested object,
`photos[].url` for objects in a list. Paginated lists and bare lists are described by their items, so a list
and its detail read alike. Keys that are data rather than names (ids, dates, item numbers) become `*`.
"""

import csv
import functools
import io
import json
import re
from xml.etree import ElementTree

from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

ROLE_CLASSES = {
    "anonymous": "anonymous",
    "owner": "resident",
    "tenant": "resident",
    "other_household": "resident",
    "newcomer": "resident",
    "dispatcher": "staff",
    "technician": "staff",
    "manager": "staff",
    "manager_b": "staff",
    "admin": "staff",  # the superuser answers as staff wherever it is let in, committee views included
    "committee": "committee",
    "committee_b": "committee",
}
PAGE_KEYS = {"count", "next", "previous", "results"}
# A key that is data, not a field name: a number, a date or month, a uuid-like token.
DATA_KEY = re.compile(r"^(?:-?\d+(?:\.\d+)?|\d{4}-\d{2}(?:-\d{2})?|[0-9a-f]{8,}(?:-[0-9a-f]{4,})*)$")


def _walk(value, prefix, into):
    if isinstance(value, dict):
        for key, inner in value.items():
            name = "*" if DATA_KEY.match(str(key)) else str(key)
            path = f"{prefix}.{name}" if prefix else name
            into.add(path)
            _walk(inner, path, into)
    elif isinstance(value, list):
        for inner in value:
            _walk(inner, f"{prefix}[]", into)


def items(body):
    """The objects a JSON body returns: a page's results, a bare list's items, or the body itself."""
    if isinstance(body, dict) and set(body) == PAGE_KEYS and isinstance(body["results"], list):
        return body["results"]
    if isinstance(body, list):
        return body
    return [body] if isinstance(body, dict) else []


def object_paths(obj) -> set:
    paths = set()
    _walk(obj, "", paths)
    return paths


def _xml_paths(element, prefix, into):
    for child in element:
        path = f"{prefix}.{child.tag}" if prefix else child.tag
        into.add(path)
        _xml_paths(child, path, into)


def response_objects(response) -> list[set] | None:
    """Key paths of each object in the response (None when it returns no object: an empty body, a file)."""
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if getattr(response, "streaming", False) or not response.content:
        return None
    if kind == "application/json":
        return [object_paths(obj) for obj in items(json.loads(response.content))]
    if kind == "text/csv":  # one object per row; its keys are the header
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))), [])
        return [set(header)]
    if kind == "text/xml":  # GeoReport v2: a root element holding one element per object
        root = ElementTree.fromstring(response.content)
        children = list(root)
        listed = len({child.tag for child in children}) == 1 and all(len(child) for child in children)
        found = []
        for element in children if listed else [root]:  # <services><service>…</service>…</services>
            paths = set()
            _xml_paths(element, "", paths)
            found.append(paths)
        return found
    return None


def top_level(paths) -> set:
    return {path for path in paths if "." not in path and "[]" not in path}


def _schema_walk(schema, components, prefix, into, seen):
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:  # a recursive shape: stop where it repeats
            return
        return _schema_walk(components[name], components, prefix, into, seen | {name})
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, ()):
            _schema_walk(part, components, prefix, into, seen)
    if schema.get("type") == "array" and "items" in schema:
        return _schema_walk(schema["items"], components, f"{prefix}[]", into, seen)
    for key, inner in schema.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        into.add(path)
        _schema_walk(inner, components, path, into, seen)


def schema_paths(operation, components) -> set | None:
    """Key paths the OpenAPI schema says a 2xx JSON answer of the operation holds (None: no JSON object)."""
    found = None
    for code, answer in operation.get("responses", {}).items():
        body = answer.get("content", {}).get("application/json", {}).get("schema")
        if not code.startswith("2") or body is None:
            continue
        paths = set()
        _schema_walk(body, components, "", paths, frozenset())
        if body.get("$ref", "").endswith("/PaginatedList") or paths >= PAGE_KEYS:
            paths = {p.removeprefix("results[].") for p in paths if p.startswith("results[].")}
        found = (found or set()) | {p.removeprefix("[].") for p in paths}
    return found


def request_keys(operation, components) -> set | None:
    """The top-level keys the schema says a write accepts (None: the operation takes no body)."""
    content = operation.get("requestBody", {}).get("content", {})
    if not content:
        return None
    keys = set()
    for media in content.values():
        schema = media.get("schema", {})
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        keys |= {key for key, inner in schema.get("properties", {}).items() if not inner.get("readOnly")}
    return keys


@functools.cache
def openapi() -> tuple[dict, dict]:
    """({"METHOD url-name": operation} for every operation of the OpenAPI schema, the schema's components)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {}
    for path, by_method in schema["paths"].items():
        name = resolve(re.sub(r"\{[^}]+\}", "1", path)).url_name
        for method, operation in by_method.items():
            operations[f"{method.upper()} {name}"] = operation
    return operations, schema["components"]["schemas"]
