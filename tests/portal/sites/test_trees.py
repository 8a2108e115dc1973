"""Estate trees: one home per estate under the company home, made with every registered section by
ensure_estate_home (or by an admin in the Wagtail admin), refused for an unknown estate or a second home."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

from core.models import AuditEvent
from portal.models import EstateHomePage, HomePage, NoticeIndexPage
from portal.sites import sections
from portal.sites.services import ensure_estate_home
from residents.models import Estate
from tests.conftest import sign_in_verified
from tests.residents.factories import EstateFactory

pytestmark = pytest.mark.django_db


def test_ensure_estate_home_puts_the_home_under_the_company_home_with_its_notice_board(world):
    home = ensure_estate_home(world.estate_a)
    company = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(company, HomePage) and home.get_parent().pk == company.pk
    assert (home.estate, home.slug, home.title, home.live) == (world.estate_a, "alpha", "甲小区", True)
    board = NoticeIndexPage.objects.child_of(home).get()
    assert board.slug == "notices" and board.live
    assert AuditEvent.objects.filter(action="portal.estate_home_created", estate_id=world.estate_a.pk).count() == 1


def test_ensure_estate_home_again_adds_nothing_but_a_missing_section(world):
    home = ensure_estate_home(world.estate_a)
    assert ensure_estate_home(world.estate_a).pk == home.pk
    NoticeIndexPage.objects.child_of(home).get().delete()
    ensure_estate_home(world.estate_a)
    assert EstateHomePage.objects.count() == 1 and NoticeIndexPage.objects.child_of(home).count() == 1


def test_the_registry_orders_sections_and_counts_each_page_type_once(monkeypatch):
    monkeypatch.setattr(sections, "_SECTIONS", {})
    sections.register_estate_section(HomePage, slug="later", title="后", position=20)
    sections.register_estate_section(NoticeIndexPage, slug="notices", title="公告", position=10)
    sections.register_estate_section(HomePage, slug="again", title="再", position=30)  # replaces the first
    assert [section.slug for section in sections.estate_sections()] == ["notices", "again"]


def test_every_registered_section_may_live_under_an_estate_home(world):
    home = ensure_estate_home(world.estate_a)
    assert sections.estate_sections()
    for section in sections.estate_sections():
        assert section.model.can_exist_under(home), section.model
        assert section.model.max_count_per_parent == 1, section.model


def test_ensure_estate_home_refuses_an_estate_not_in_the_registry(world):
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        ensure_estate_home(Estate(slug="nowhere", name="无此小区"))
    assert "There is no such estate" in str(refused.value)
    assert not EstateHomePage.objects.exists()


def test_a_second_home_for_the_same_estate_is_refused_with_a_clear_message(world):
    home = ensure_estate_home(world.estate_a)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            home.get_parent().add_child(instance=EstateHomePage(title="又一个", slug="again", estate=world.estate_a))
        messages = refused.value.message_dict["estate"]
    assert messages == ["This estate already has a home page; edit that page instead."]


def test_the_command_makes_every_missing_home_and_names_an_unknown_estate(world):
    call_command("estate_homes", "beta", verbosity=0)
    assert list(EstateHomePage.objects.values_list("estate__slug", flat=True)) == ["beta"]
    call_command("estate_homes", verbosity=0)
    assert set(EstateHomePage.objects.values_list("estate__slug", flat=True)) == {"alpha", "beta"}
    with pytest.raises(CommandError, match="nowhere"), translation.override("en"):
        call_command("estate_homes", "nowhere", verbosity=0)


# --- made by an admin in the Wagtail admin ----------------------------------------------------------------


def add_form(client, company):
    url = f"/cms/pages/add/portal/estatehomepage/{company.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()


@pytest.fixture
def admin_client(client, world):
    return sign_in_verified(client, world.users["admin"])


def test_an_admin_adds_an_estate_home_in_the_wagtail_admin_and_it_gets_its_sections_and_editors(world, admin_client):
    company = HomePage.objects.get()
    url, data = add_form(admin_client, company)
    data.update({"title": "乙小区", "slug": "beta", "estate": str(world.estate_b.pk), "action-publish": "1"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home = EstateHomePage.objects.get(estate=world.estate_b)
    assert NoticeIndexPage.objects.child_of(home).exists()
    assert world.users["manager_b"].groups.filter(name__contains="beta").exists()


def test_the_admin_form_names_a_second_home_and_an_unknown_estate(world, admin_client):
    existing = ensure_estate_home(world.estate_a)
    url, data = add_form(admin_client, existing.get_parent())
    data.update({"title": "甲小区二", "slug": "alpha-2", "estate": str(world.estate_a.pk), "action-publish": "1"})
    with translation.override("zh-hans"):  # the admin speaks the admin user's language
        second = _("%(estate)s already has a home page, “%(title)s”; edit that page instead.")
        unknown = str(_("There is no such estate; choose one of the estates listed."))
    errors = admin_client.post(url, data).context["form"].errors["estate"]
    assert errors == [second % {"estate": "甲小区", "title": existing.title}]
    data["estate"] = "999999"
    assert admin_client.post(url, data).context["form"].errors["estate"] == [unknown]
    assert EstateHomePage.objects.count() == 1


def test_the_estate_of_an_existing_home_cannot_be_changed_in_the_admin(world, admin_client):
    home = ensure_estate_home(world.estate_a)
    url = f"/cms/pages/{home.pk}/edit/"
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form").copy()
    data.update({"estate": str(world.estate_b.pk), "title": "甲小区首页", "action-publish": "1"})
    assert admin_client.post(url, data).status_code == 302
    home.refresh_from_db()
    assert (home.title, home.estate_id) == ("甲小区首页", world.estate_a.pk)


def test_an_estate_made_later_gets_its_home_from_the_command(world):
    call_command("estate_homes", verbosity=0)
    EstateFactory(slug="gamma", name="丙小区")
    call_command("estate_homes", verbosity=0)
    assert EstateHomePage.objects.filter(estate__slug="gamma").exists()
