"""Rich text that staff write in the Wagtail admin, rendered for residents with nothing executable left in it.

The admin's editor already stores only the features below, but a body can also arrive through the ORM, an
import or an older revision: every render passes it through Wagtail's whitelister again (ASVS 1.3.1), which
drops unknown elements (script, iframe, svg, img ...), every attribute not allowed (on* handlers, style) and
links whose scheme is not http(s), mailto or tel.
"""

from django.utils.safestring import SafeString, mark_safe

# What the Draftail editor offers on resident-facing pages: headings, emphasis, lists, links, rules.
RESIDENT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


def safe_rich_text(stored_html: str) -> SafeString:
    """The stored rich text, whitelisted again and with page links expanded: safe to put in a page or API."""
    # Imported here: the page models import this module while the app registry is still loading.
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
    from wagtail.rich_text import expand_db_html

    cleaned = EditorHTMLConverter(features=RESIDENT_FEATURES).to_database_format(stored_html or "")
    return mark_safe(expand_db_html(cleaned))  # noqa: S308 - whitelisted just above
