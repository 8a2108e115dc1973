"""Search that works for Chinese: a substring of a title or body finds the notice, on SQLite and PostgreSQL."""

import pytest

from portal.models import NoticePage
from portal.search import search_pages
from tests.portal.notices.helpers import published_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(world, boards):
    return {
        "lift": published_notice(boards["a"], title="3号楼电梯维保通知", body="<p>周三上午暂停使用。</p>"),
        "water": published_notice(boards["a"], title="停水通知", body="<p>因电梯机房管道检修，全小区停水。</p>"),
        "event": published_notice(boards["a"], title="中秋游园会", body="<p>Lantern riddles on the lawn.</p>"),
        "other_estate": published_notice(boards["b"], title="乙小区电梯更换"),
    }


def found(queryset, query, fields=("body",)):
    return [page.title for page in search_pages(queryset, query, text_fields=fields)]


def test_a_chinese_word_inside_a_title_finds_the_notice(notices):
    assert "3号楼电梯维保通知" in found(NoticePage.objects.all(), "电梯")


def test_title_matches_come_before_body_matches(notices):
    mine = NoticePage.objects.exclude(pk=notices["other_estate"].pk).order_by("-first_published_at")
    assert found(mine, "电梯") == ["3号楼电梯维保通知", "停水通知"]


def test_every_word_of_the_query_must_appear(notices):
    assert found(NoticePage.objects.all(), "电梯 3号楼") == ["3号楼电梯维保通知"]
    assert found(NoticePage.objects.all(), "电梯 游园") == []


def test_latin_text_matches_without_regard_to_case(notices):
    assert found(NoticePage.objects.all(), "LANTERN") == ["中秋游园会"]


def test_an_empty_query_finds_nothing_and_like_wildcards_are_plain_characters(notices):
    assert found(NoticePage.objects.all(), "   ") == []
    assert found(NoticePage.objects.all(), "%") == []
    assert found(NoticePage.objects.all(), "_") == []


def test_the_resident_search_api_finds_only_my_estate_s_notices(world, notices, api_as):
    response = api_as(world.users["owner"]).get("/api/v1/me/search/", {"q": "电梯"})
    assert [row["title"] for row in response.json()["results"]] == ["3号楼电梯维保通知", "停水通知"]
    other = api_as(world.users["other_household"]).get("/api/v1/me/search/", {"q": "电梯"})
    assert [row["title"] for row in other.json()["results"]] == ["乙小区电梯更换"]


def test_the_search_page_shows_my_matches(world, notices, web_as):
    html = web_as(world.users["owner"]).get("/search/", {"q": "电梯"}).content.decode()
    assert "3号楼电梯维保通知" in html and "停水通知" in html
    assert "乙小区电梯更换" not in html and "中秋游园会" not in html


def test_the_search_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/search/", {"q": "电梯"})
    assert response.status_code == 302
