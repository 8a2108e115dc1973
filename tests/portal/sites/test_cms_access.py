"""Wagtail admin (/cms/) for staff: an estate's managers (content.edit) edit and publish that estate's tree and
nothing else; residents, other staff and strangers do not get in; access follows the role as it is granted,
changed or revoked."""

import json
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import querydict_from_html

from core.models import AuditEvent
from portal.models import EstateHomePage, NoticeIndexPage, NoticePage
from portal.sites.editors import estate_editors_sync
from residents.models import EstateRole, Role
from tests.conftest import sign_in_verified
from tests.portal.notices.helpers import published_notice
from tests.residents.factories import EstateRoleFactory

pytestmark = pytest.mark.django_db


def board(home):
    return NoticeIndexPage.objects.child_of(home).get()


def cms(client, world, role):
    return sign_in_verified(client, world.users[role])


def add_notice(client, board_page, title, slug):
    """Fill in and publish the admin's add-notice form; returns the response to the POST (or to the GET when
    the form is refused)."""
    url = f"/cms/pages/add/portal/noticepage/{board_page.pk}/"
    form = client.get(url)
    if form.status_code != 200:
        return form
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form").copy()
    block = {"key": "a1", "type": "unstyled", "depth": 0, "text": "明天停水。", "inlineStyleRanges": [],
             "entityRanges": [], "data": {}}  # fmt: skip
    body = json.dumps({"blocks": [block], "entityMap": {}})  # Draftail's editor state
    data.update({"title": title, "slug": slug, "kind": "outage", "body": body, "action-publish": "1"})
    return client.post(url, data)


def refused(response) -> bool:
    """Wagtail refuses with 403, or by sending the user away (to sign in, or to the dashboard with a message)."""
    if response.status_code == 302:
        target = urlsplit(response["Location"]).path
        return target.endswith("/login/") or target == "/cms/"
    return response.status_code == 403


def test_a_manager_adds_edits_and_publishes_a_notice_under_their_estate_s_home(world, homes, client):
    manager = cms(client, world, "manager")
    assert manager.get("/cms/").status_code == 200
    response = add_notice(manager, board(homes["a"]), "2号楼停水通知", "water")
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = NoticePage.objects.get(slug="water")
    assert notice.live and notice.owner == world.users["manager"]
    edit_url = f"/cms/pages/{notice.pk}/edit/"
    data = querydict_from_html(manager.get(edit_url).content.decode(), form_id="page-edit-form").copy()
    data.update({"title": "2号楼停水通知（更新）", "action-publish": "1"})
    assert manager.post(edit_url, data).status_code == 302
    notice.refresh_from_db()
    assert notice.title == "2号楼停水通知（更新）" and notice.live


def test_a_manager_is_refused_the_tree_of_another_estate(world, homes, client):
    other = published_notice(board(homes["b"]), title="乙小区停水通知")
    manager = cms(client, world, "manager")
    assert refused(add_notice(manager, board(homes["b"]), "越权通知", "intrude"))
    assert not NoticePage.objects.filter(slug="intrude").exists()
    for path in (f"/cms/pages/{other.pk}/edit/", f"/cms/pages/{other.pk}/delete/", f"/cms/pages/{other.pk}/unpublish/"):
        assert refused(manager.get(path)), path
    url = f"/cms/pages/{other.pk}/edit/"
    assert refused(manager.post(url, {"title": "改", "slug": "x", "action-publish": "1"}))
    other.refresh_from_db()
    assert other.title == "乙小区停水通知" and other.live
    own = published_notice(board(homes["a"]), title="甲小区停水通知")
    manager.post(f"/cms/pages/{own.pk}/move/{board(homes['b']).pk}/confirm/")  # into B's board: refused
    own.refresh_from_db()
    assert own.get_parent().pk == board(homes["a"]).pk


def test_a_manager_s_admin_search_explorer_and_page_chooser_hold_only_their_estate_s_pages(world, homes, client):
    published_notice(board(homes["a"]), title="Alpha water notice")
    other = published_notice(board(homes["b"]), title="Beta water notice")
    manager = cms(client, world, "manager")
    found = manager.get("/cms/pages/search/?q=water").content.decode()
    assert "Alpha water notice" in found and "Beta water notice" not in found
    explorer = manager.get(f"/cms/pages/{homes['a'].get_parent().pk}/")  # the company home: sent to their tree
    assert explorer.status_code == 302 and explorer["Location"] == f"/cms/pages/{homes['a'].pk}/"
    chosen = manager.get("/cms/choose-page/search/?q=water").content.decode()
    assert "Alpha water notice" in chosen and "Beta water notice" not in chosen
    browsed = manager.get(f"/cms/choose-page/{board(homes['b']).pk}/").json()["html"]
    assert "Beta water notice" not in browsed
    assert manager.get(f"/cms/api/main/pages/{other.pk}/").status_code == 404
    admin = sign_in_verified(Client(), world.users["admin"])
    assert "Beta water notice" in admin.get(f"/cms/choose-page/{board(homes['b']).pk}/").json()["html"]


def test_a_manager_cannot_delete_their_estate_s_home(world, homes, client):
    board(homes["a"]).delete()  # a home without sections is a leaf, which Wagtail would let an editor delete
    manager = cms(client, world, "manager")
    response = manager.post(f"/cms/pages/{homes['a'].pk}/delete/")
    assert response.status_code == 302
    assert EstateHomePage.objects.filter(pk=homes["a"].pk).exists()


@pytest.mark.parametrize("role", ["owner", "tenant", "technician", "dispatcher", "committee"])
def test_residents_and_other_staff_do_not_reach_the_cms(world, homes, client, role):
    response = cms(client, world, role).get("/cms/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert refused(cms(client, world, role).get(f"/cms/pages/{homes['a'].pk}/edit/"))


def test_strangers_are_asked_to_sign_in(homes, client):
    response = client.get("/cms/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_revoking_the_manager_role_takes_the_cms_away(world, homes, client):
    EstateRole.objects.filter(user=world.users["manager"], role=Role.MANAGER).delete()
    response = cms(client, world, "manager").get("/cms/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not world.users["manager"].groups.exists()
    removed = AuditEvent.objects.get(action="cms.editor_removed", object_id=str(world.users["manager"].pk))
    assert removed.estate_id == world.estate_a.pk


def test_a_role_granted_or_changed_later_gives_or_takes_access_at_once(world, homes, client):
    dispatcher = world.users["dispatcher"]
    grant = EstateRoleFactory(user=dispatcher, estate=world.estate_b, role=Role.MANAGER)
    assert cms(client, world, "dispatcher").get("/cms/").status_code == 200
    assert refused(add_notice(cms(client, world, "dispatcher"), board(homes["a"]), "甲", "a-notice"))
    grant.role = Role.TECHNICIAN  # as the Django admin's role inline changes a row
    grant.save()
    assert not dispatcher.groups.exists()


def test_deleting_a_manager_s_account_leaves_no_group_behind(world, homes):
    manager = world.users["manager"]
    group = manager.groups.get()
    manager.delete()
    assert not group.user_set.exists()


def test_the_editor_group_holds_page_permissions_on_the_estate_home_only(world, homes):
    group = estate_editors_sync(estate=world.estate_a)
    assert estate_editors_sync(estate=world.estate_a) == group  # again: the same group, nothing added
    grants = GroupPagePermission.objects.filter(group=group)
    assert {grant.page_id for grant in grants} == {homes["a"].pk}
    assert {grant.permission.codename for grant in grants} == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page"
    }  # fmt: skip
    assert list(group.user_set.all()) == [world.users["manager"]]
    assert Group.objects.filter(user=world.users["manager_b"]).get() != group


def test_the_site_s_navigation_offers_the_cms_to_its_editors_only(world, homes, client):
    assert 'href="/cms/"' in cms(client, world, "manager").get(homes["a"].url).content.decode()
    assert 'href="/cms/"' not in cms(client, world, "dispatcher").get(homes["a"].url).content.decode()
