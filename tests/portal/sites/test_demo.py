"""`manage.py seed_demo` gives the demo estate its home (through ensure_estate_home) with a notice on its board;
the demo resident lands there and the demo manager edits it in the Wagtail admin; running it again adds nothing."""

import pytest
from django.core.management import call_command

from portal.models import EstateHomePage, HomePage, NoticePage
from residents.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_the_demo_estate_s_home_where_its_resident_lands(web_as):
    call_command("seed_demo", verbosity=0)
    home = EstateHomePage.objects.get()
    assert home.estate.slug == "cuiyuan" and home.get_parent().specific_class is HomePage
    resident = web_as(User.objects.get(username="resident"))
    landing = resident.get("/")
    assert landing.status_code == 302 and landing["Location"] == home.url
    page = resident.get(home.url).content.decode()
    assert "3号楼电梯维保通知" in page and 'data-action="repair"' in page
    assert User.objects.get(username="manager").has_perm("wagtailadmin.access_admin")
    call_command("seed_demo", verbosity=0)
    assert (EstateHomePage.objects.count(), NoticePage.objects.count()) == (1, 1)
