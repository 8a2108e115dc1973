"""'My home' (/me/): units and household, repairs, complaints, unread notices, settings and consent, my data;
each panel in one or two queries, the page in a fixed number whatever the resident has (issue 6)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Channel
from feedback.complaints.models import Complaint
from feedback.complaints.services import complaint_submit
from repairs import services as repairs
from repairs.services import Report
from residents import selectors
from residents.models import ContactConsent
from residents.services import person_update_preferences
from tests.feedback.complaints_support import submission
from tests.portal.notices.helpers import notice_board, published_notice
from tests.residents.factories import OccupancyFactory, OwnershipFactory, PersonFactory, UnitClaimFactory

pytestmark = pytest.mark.django_db


def _page(client, language="zh-hans"):
    response = client.get("/me/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _report(world, n=0):
    return repairs.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="plumbing", description=f"水龙头漏水 {n}", unit_id=world.unit_a.pk),
    )


def _complain(world, n=0):
    item = complaint_submit(actor=world.users["owner"], submission=submission(title=f"噪音扰民 {n}", body=f"第{n}次"))
    # filed days ago, so the five-a-day limit lets the next one in
    Complaint.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(days=2))
    return item


# --- units and household --------------------------------------------------------------------------------------


def test_household_lists_who_else_is_linked_to_my_unit(world, web_as):
    html = _page(web_as(world.users["owner"]))
    tenant = world.users["tenant"].person.full_name
    assert tenant in html and "租户" in html  # the tenant of unit A, by name and relation
    assert world.users["other_household"].person.full_name not in html  # estate B's owner is no one of mine
    assert world.users["tenant"].phone[3:] not in html and world.users["tenant"].email not in html


def test_household_shows_pending_members_masked_and_marked(world):
    claimant = PersonFactory(full_name="欧阳娜娜")
    UnitClaimFactory(person=claimant, unit=world.unit_a, relation="household")
    OwnershipFactory(unit=world.unit_a, verified_at=None, person=PersonFactory(full_name="司马光"))
    (unit,) = selectors.homes_for_resident(user=world.users["owner"])
    members = {(m.name, m.relation, m.pending, m.is_me) for m in unit.household}
    owner = world.users["owner"].person.full_name
    assert members == {
        (owner, "owner", False, True),
        (world.users["tenant"].person.full_name, "tenant", False, False),
        ("欧***", "household", True, False),
        ("司**", "owner", True, False),
    }
    assert unit.household[0].is_me  # the user first


def test_household_leaves_out_past_occupants(world):
    OccupancyFactory(
        unit=world.unit_a, end=timezone.localdate() - timedelta(days=1), person=PersonFactory(full_name="旧租户")
    )
    (unit,) = selectors.homes_for_resident(user=world.users["owner"])
    assert "旧租户" not in {m.name for m in unit.household}


def test_a_newcomer_sees_no_unit_and_a_way_to_claim_one(world, web_as):
    html = _page(web_as(world.users["newcomer"]))
    assert "/me/claim/" in html and selectors.homes_for_resident(user=world.users["newcomer"]) == []


# --- panels ---------------------------------------------------------------------------------------------------


def test_my_repair_requests_show_with_their_status_and_a_link_to_all(world, web_as):
    order = _report(world)
    html = _page(web_as(world.users["owner"]))
    assert f"/repairs/{order.pk}/" in html and "已提交" in html and 'href="/repairs/"' in html


def test_my_repair_requests_panel_shows_only_the_latest_five(world, web_as):
    orders = [_report(world, n) for n in range(7)]
    html = _page(web_as(world.users["owner"]))
    assert f"/repairs/{orders[-1].pk}/" in html and f"/repairs/{orders[0].pk}/" not in html


def test_my_complaints_show_with_their_status(world, web_as):
    item = _complain(world)
    html = _page(web_as(world.users["owner"]))
    assert f"/complaints/{item.pk}/" in html and "噪音扰民 0" in html


def test_someone_elses_requests_and_complaints_are_not_shown(world, web_as):
    _report(world), _complain(world)
    html = _page(web_as(world.users["other_household"]))
    assert "水龙头漏水" not in html and "噪音扰民" not in html


def test_unread_notices_count_and_reading_one_takes_it_off(world, web_as):
    board = notice_board(world.estate_a)
    first, second = (published_notice(board, title=f"停水通知{n}") for n in (1, 2))
    published_notice(notice_board(world.estate_b), title="乙小区公告")
    client = web_as(world.users["tenant"])
    html = _page(client, "en")
    assert "2 unread notices" in html and "停水通知1" in html and "乙小区公告" not in html
    assert client.get(first.url).status_code == 200
    html = _page(client, "en")
    assert "1 unread notice" in html and "停水通知1" not in html and "停水通知2" in html
    client.get(second.url)
    assert "unread notice" not in _page(client, "en")


def test_an_expired_notice_is_not_unread(world, web_as):
    board = notice_board(world.estate_a)
    notice = published_notice(board, title="旧通知")
    type(notice).objects.filter(pk=notice.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert "旧通知" not in _page(web_as(world.users["owner"]))


# --- notification settings and consent -----------------------------------------------------------------------


def test_saving_settings_records_each_consent_with_its_time_and_withdrawal(world):
    person = world.users["owner"].person
    person_update_preferences(person=person, channels=["in_app", "sms", "email"], language="zh-hans", marketing=True)
    opened = selectors.contact_consents_open(person=person)
    assert set(opened) == {"sms", "email", "marketing"}
    person_update_preferences(person=person, channels=["in_app", "email"], language="zh-hans", marketing=False)
    assert set(selectors.contact_consents_open(person=person)) == {"email"}
    withdrawn = ContactConsent.objects.filter(person=person, withdrawn_at__isnull=False)
    assert {c.topic for c in withdrawn} == {"sms", "marketing"}
    assert all(c.withdrawn_at >= c.given_at for c in withdrawn)
    assert ContactConsent.objects.get(person=person, topic="email").given_at == opened["email"]  # kept, not redone


def test_settings_form_records_marketing_consent_and_the_dashboard_shows_it(world, web_as):
    client = web_as(world.users["owner"])
    form = {"channels": ["in_app", "sms"], "language": "zh-hans", "marketing": "on"}
    assert client.post("/me/preferences/", form).status_code == 302
    assert client.get("/me/preferences/").context["form"].initial["marketing"] is True
    html = _page(client, "en")
    assert "News and offers: on" in html and "agreed on" in html
    client.post("/me/preferences/", {"channels": ["in_app"], "language": "zh-hans"})
    assert "marketing" not in selectors.contact_consents_open(person=world.users["owner"].person)


def test_signup_records_consent_for_the_channel_it_turns_on(db, client):
    signup = {"full_name": "陈一", "phone": "13912345678", "password": "plenty long passphrase",
              "language": "zh-hans", "accept_privacy_notice": "on"}  # fmt: skip
    client.post("/accounts/signup/", signup)
    consents = ContactConsent.objects.get(person__full_name="陈一")
    assert consents.topic == Channel.SMS and consents.withdrawn_at is None


def test_the_api_shows_and_sets_marketing_consent(world, api_as):
    api = api_as(world.users["owner"])
    body = {"channels": ["in_app"], "language": "en", "marketing": True}
    assert api.put("/api/v1/me/preferences/", body, format="json").json()["marketing"] is True
    assert api.get("/api/v1/me/").json()["marketing"] is True


def test_my_data_export_holds_the_consent_history(world, web_as):
    person = world.users["owner"].person
    person_update_preferences(person=person, channels=["in_app", "sms"], language="zh-hans", marketing=True)
    from residents.mydata.exports import export_build

    data = export_build(user=world.users["owner"])
    topics = {c["topic"] for c in data["account"]["contact_consents"]}
    assert topics == {"sms", "marketing"}


def test_my_home_links_to_download_my_data_and_ask_for_deletion(world, web_as):
    assert 'href="/me/data/"' in _page(web_as(world.users["owner"]))
