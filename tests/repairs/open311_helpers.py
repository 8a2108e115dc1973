"""Shared helpers for the Open311 tests (fixtures `open311_key` and `lift_a` are in conftest.py)."""

from defusedxml import ElementTree

BASE = "/open311/v2"


def filing(**fields):
    """A GeoReport v2 POST body for a leak in unit A (1号楼-0101), overridable field by field."""
    return {"service_code": "plumbing", "description": "厨房水管漏水", "address_id": "1号楼-0101", **fields}


def xml(response):
    """The parsed XML body; the spec asks for the declaration with the encoding."""
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return ElementTree.fromstring(response.content)


def rows(element) -> list[dict]:
    """<root><item><a>1</a>…</item>…</root> → [{"a": "1", …}, …]"""
    return [{child.tag: child.text or "" for child in item} for item in element]
