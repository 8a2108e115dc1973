"""`seed_demo` gives the demo estate a service guide and a committee page that show the demo's live data."""

import pytest
from django.core.management import call_command

from committee.disclosures.models import Disclosure
from committee.members.models import Member
from portal.models import CommitteePage, EstateHomePage, ServiceGuidePage
from residents.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_guide_and_a_committee_page_under_the_demo_estate_s_home(web_as):
    call_command("seed_demo", verbosity=0)
    home = EstateHomePage.objects.get(estate__slug="cuiyuan")
    guide, committee = ServiceGuidePage.objects.child_of(home).get(), CommitteePage.objects.child_of(home).get()
    assert guide.live and committee.live
    client = web_as(User.objects.get(username="resident"))
    page = client.get(guide.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert Disclosure.objects.get(kind="fees").title in page  # the committee demo's fee standard, live
    assert "12358" in page and "on site within 30 minutes" in page and "tel:" in page
    chair = Member.objects.get().person.full_name
    assert chair in client.get(committee.url).content.decode()


def test_seed_demo_twice_keeps_one_page_of_each():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert (ServiceGuidePage.objects.count(), CommitteePage.objects.count()) == (1, 1)
