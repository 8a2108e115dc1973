"""One sign-in for everyone: where it lands and what the navigation offers follow the user's roles, and a person
holding two (a resident who sits on the committee, a resident who works for the company) sees both (issue 6)."""

import pytest

from tests.residents.factories import EstateRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db

LINKS = {
    "my_home": 'href="/me/"',
    "repairs": 'href="/repairs/"',
    "staff_console": 'href="/staff/"',
    "work_queue": 'href="/staff/work-orders/"',
    "my_jobs": 'href="/staff/my-jobs/"',
    "committee": 'href="/committee/"',
}
# role → (where sign-in lands, the links its navigation shows); every other link of LINKS is absent
EXPECTED = {
    "owner": ("/me/", {"my_home", "repairs"}),
    "tenant": ("/me/", {"my_home", "repairs"}),
    "newcomer": ("/me/", {"my_home", "repairs"}),
    "dispatcher": ("/staff/", {"staff_console", "work_queue"}),
    "technician": ("/staff/", {"staff_console", "my_jobs"}),
    "manager": ("/staff/", {"staff_console", "work_queue"}),
    "committee": ("/committee/", {"committee"}),
    "admin": ("/staff/", {"staff_console", "work_queue", "my_jobs", "committee"}),
    "owner+committee": ("/me/", {"my_home", "repairs", "committee"}),
    "owner+dispatcher": ("/staff/", {"my_home", "repairs", "staff_console", "work_queue"}),
    "staff with a person but no home": ("/staff/", {"staff_console", "my_jobs"}),
}


def _user(world, role):
    if role in world.users:
        return world.users[role]
    if role == "staff with a person but no home":
        user = PersonFactory().user
        EstateRoleFactory(user=user, estate=world.estate_a, role="technician")
        return user
    resident, extra = role.split("+")
    EstateRoleFactory(user=world.users[resident], estate=world.estate_a, role=extra)
    return world.users[resident]


@pytest.mark.parametrize("role", EXPECTED)
def test_sign_in_lands_on_the_console_of_the_role(world, web_as, role):
    response = web_as(_user(world, role)).get("/me/start/")
    assert response.status_code == 302 and response["Location"] == EXPECTED[role][0]


@pytest.mark.parametrize("role", EXPECTED)
def test_navigation_shows_what_the_roles_allow_and_nothing_else(world, web_as, role):
    client = web_as(_user(world, role))
    landing = client.get(EXPECTED[role][0], follow=True)
    assert landing.status_code == 200
    nav = landing.content.decode().split("<nav", 1)[1].split("</nav>", 1)[0]
    shown = {name for name, link in LINKS.items() if link in nav}
    assert shown == EXPECTED[role][1]


@pytest.mark.parametrize("role", ["owner+committee", "owner+dispatcher"])
def test_my_home_offers_the_workspace_of_a_resident_with_a_second_role(world, web_as, role):
    html = web_as(_user(world, role)).get("/me/").content.decode()
    workspaces = html.split('id="work-h"', 1)[1].split("</section>", 1)[0]
    assert ('href="/committee/"' in workspaces) == (role == "owner+committee")
    assert ('href="/staff/"' in workspaces) == (role == "owner+dispatcher")


def test_my_home_has_no_workspace_section_for_a_plain_resident(world, web_as):
    assert 'id="work-h"' not in web_as(world.users["owner"]).get("/me/").content.decode()


def test_a_signed_in_login_from_the_form_lands_by_role(world, client):
    owner = world.users["owner"]
    response = client.post("/accounts/login/", {"username": owner.phone, "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/me/"
