"""The resident notice API: the live, unexpired notices of my estates, urgent and pinned first; others 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import NoticePage
from tests.portal.notices.helpers import notice_draft, published_notice
from tests.residents.factories import BuildingFactory

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_my_notices_are_my_estate_s_live_unexpired_ones_urgent_then_pinned_then_newest(world, boards, api_as):
    older = published_notice(boards["a"], title="旧的普通通知")
    newer = published_notice(boards["a"], title="新的普通通知")
    pinned = published_notice(boards["a"], title="置顶通知", pinned=True)
    urgent = published_notice(boards["a"], title="紧急停水", urgent=True, kind="outage")
    NoticePage.objects.filter(pk=older.pk).update(first_published_at=timezone.now() - timedelta(days=3))
    expired = published_notice(boards["a"], title="已过期")
    NoticePage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    notice_draft(boards["a"], title="草稿")
    published_notice(boards["b"], title="乙小区的通知")
    got = titles(api_as(world.users["owner"]).get("/api/v1/me/notices/"))
    assert got == [urgent.title, pinned.title, newer.title, older.title]


def test_a_notice_lists_its_estate_target_buildings_and_page_url(world, boards, api_as):
    building = world.unit_a.building
    notice = published_notice(boards["a"], title="1号楼停电", buildings=[building], kind="outage")
    row = api_as(world.users["tenant"]).get("/api/v1/me/notices/").json()["results"][0]
    assert row["estate"] == "alpha" and row["buildings"] == ["1号楼"] and row["kind"] == "outage"
    assert row["url"] == notice.url
    detail = api_as(world.users["tenant"]).get(f"/api/v1/me/notices/{notice.pk}/").json()
    assert detail["body"] == "<p>请留意。</p>"


def test_residents_of_another_estate_and_people_without_a_home_get_404_for_a_notice(world, boards, api_as):
    notice = published_notice(boards["a"], title="甲小区通知")
    for role in ("other_household", "newcomer"):
        assert api_as(world.users[role]).get(f"/api/v1/me/notices/{notice.pk}/").status_code == 404
        assert titles(api_as(world.users[role]).get("/api/v1/me/notices/")) == []
    assert api_as(world.users["owner"]).get(f"/api/v1/me/notices/{notice.pk}/").status_code == 200


def test_a_draft_or_expired_notice_answers_404(world, boards, api_as):
    draft = notice_draft(boards["a"], title="草稿")
    expired = published_notice(boards["a"], title="过期", expire_at=timezone.now() + timedelta(minutes=1))
    NoticePage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    for notice in (draft, expired):
        assert api_as(world.users["owner"]).get(f"/api/v1/me/notices/{notice.pk}/").status_code == 404


def test_the_notice_list_runs_a_fixed_number_of_queries(world, boards, api_as, django_assert_max_num_queries):
    client = api_as(world.users["owner"])
    published_notice(boards["a"], title="通知一", buildings=[world.unit_a.building])
    client.get("/api/v1/me/notices/")  # warm: content types
    with django_assert_max_num_queries(9) as few:
        assert len(titles(client.get("/api/v1/me/notices/"))) == 1
    for n in range(5):
        extra = BuildingFactory(estate=world.estate_a)
        published_notice(boards["a"], title=f"通知{n}", buildings=[world.unit_a.building, extra])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(titles(client.get("/api/v1/me/notices/"))) == 6


def test_staff_without_a_person_record_are_refused_and_anonymous_must_sign_in(world, boards, api_as):
    assert api_as(world.users["manager"]).get("/api/v1/me/notices/").status_code == 403
    assert api_as(None).get("/api/v1/me/notices/").status_code == 401
