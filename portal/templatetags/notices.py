"""{% urgent_notices page %}: an estate home page's urgent notices, first on the page, for its readers only."""

from django import template

from portal.notices import selectors
from portal.notices.estates import estate_of_page

register = template.Library()
URGENT_SHOWN = 5


@register.inclusion_tag("portal/notices/_urgent.html", takes_context=True)
def urgent_notices(context, home):
    request = context.get("request")
    if not hasattr(home, "estate_id") or request is None:  # the company home has no estate's notices
        return {"notices": []}
    if not selectors.may_read_estate_pages(request.user, estate_of_page(home)):
        return {"notices": []}
    return {"notices": list(selectors.urgent_notices(home=home)[:URGENT_SHOWN])}
