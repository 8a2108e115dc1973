"""Each feedback page is reachable from the navigation of the people who may use it, and only theirs."""

import pytest

pytestmark = pytest.mark.django_db

LINKS = {
    "/me/surveys/": {"owner"},
    "/complaints/": {"owner"},
    "/staff/complaints/": {"dispatcher", "manager"},
    "/staff/surveys/responses/": {"dispatcher", "manager"},
    "/committee/complaints/": {"committee"},
    "/staff/campaigns/": {"manager"},
    "/staff/surveys/repairs/": {"manager"},
    "/staff/scores/": {"manager", "committee"},
}


@pytest.mark.parametrize("role", ["owner", "dispatcher", "technician", "manager", "committee"])
def test_the_navigation_links_each_feedback_page_for_those_who_may_use_it(world, web_as, role):
    html = web_as(world.users[role]).get("/", follow=True).content.decode()
    nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
    for href, roles in LINKS.items():
        assert (f'href="{href}"' in nav) == (role in roles), (role, href)
