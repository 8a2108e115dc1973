"""The spec's two formats. XML is built with ElementTree (escaping is its job, never string joining):
a list becomes <root><item>…</item>…</root>, a dict <root>…</root>, and errors <errors><error>…</error></errors>."""

import io
import re
from xml.etree import ElementTree

from rest_framework.renderers import BaseRenderer

# list fields inside an item, and the tag of each of their entries
_ENTRY_TAGS = {"attributes": "attribute", "values": "value"}
# characters XML 1.0 cannot carry at all (ElementTree would write them and the client's parser would fail)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element, fields: dict):
    for name, value in fields.items():
        child = ElementTree.SubElement(element, name)
        if isinstance(value, dict):
            _fill(child, value)
        elif isinstance(value, list | tuple):
            for entry in value:
                entry_element = ElementTree.SubElement(child, _ENTRY_TAGS.get(name, "item"))
                if isinstance(entry, dict):
                    _fill(entry_element, entry)
                else:
                    entry_element.text = _text(entry)
        else:
            child.text = _text(value)


def to_xml(data, *, root: str, item: str) -> bytes:
    element = ElementTree.Element(root)
    if isinstance(data, dict):
        _fill(element, data)
    else:
        for entry in data or []:
            _fill(ElementTree.SubElement(element, item), entry)
    out = io.BytesIO()
    ElementTree.ElementTree(element).write(out, encoding="UTF-8", xml_declaration=True)
    return out.getvalue()


class Open311XMLRenderer(BaseRenderer):
    """text/xml, the spec's required format. The view names the root and item tags (xml_root, xml_item)."""

    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response, view = context.get("response"), context.get("view")
        if response is not None and response.status_code >= 400:
            return to_xml(data, root="errors", item="error")
        return to_xml(data, root=getattr(view, "xml_root", "response"), item=getattr(view, "xml_item", "item"))
