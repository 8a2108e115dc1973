"""The self-help API: articles (the company's for anyone, an estate's for its readers), suggestions for a
report, a resident's answer, and managers' counts."""

import pytest
from django.utils import timezone

from portal.kb.models import ArticleVisit

pytestmark = pytest.mark.django_db


def titles(response):
    return [row["title"] for row in response.json()["results"]]


def test_anyone_lists_the_company_s_articles_and_a_resident_their_estate_s_too(world, articles, api_as):
    assert titles(api_as(None).get("/api/v1/kb/articles/")) == ["跳闸了：一个房间没电怎么办"]
    assert titles(api_as(world.users["owner"]).get("/api/v1/kb/articles/")) == [
        "厨房下水道堵了怎么办", "电梯停了怎么办", "跳闸了：一个房间没电怎么办"
    ]  # fmt: skip
    rows = api_as(world.users["other_household"]).get("/api/v1/kb/articles/").json()["results"]
    assert {row["title"]: row["estate"] for row in rows} == {
        "乙小区下水道堵了怎么办": "beta",
        "跳闸了：一个房间没电怎么办": "",
    }


def test_the_list_searches_chinese_substrings_and_filters_by_trade(world, articles, api_as):
    client = api_as(world.users["owner"])
    assert titles(client.get("/api/v1/kb/articles/", {"q": "下水"})) == ["厨房下水道堵了怎么办"]
    assert titles(client.get("/api/v1/kb/articles/", {"trade": "lift"})) == ["电梯停了怎么办"]
    assert titles(client.get("/api/v1/kb/articles/", {"q": "怎么办", "trade": "electrical"})) == [
        "跳闸了：一个房间没电怎么办"
    ]


def test_an_article_s_detail_has_its_body_and_counts_a_resident_s_reading(world, articles, api_as):
    response = api_as(world.users["owner"]).get(f"/api/v1/kb/articles/{articles['drain'].pk}/", {"from": "repair-form"})
    body = response.json()
    assert body["trade"] == "plumbing" and "皮搋子" in body["body"] and body["keywords"].startswith("下水道")
    visit = ArticleVisit.objects.get()
    assert visit.opened_at is not None and visit.suggested_at is not None


@pytest.mark.parametrize(
    ("role", "status"), [(None, 404), ("other_household", 404), ("manager_b", 404), ("tenant", 200)]
)
def test_another_estate_s_article_is_a_404(world, articles, api_as, role, status):
    user = world.users[role] if role else None
    assert api_as(user).get(f"/api/v1/kb/articles/{articles['drain'].pk}/").status_code == status


def test_suggestions_match_trade_and_description_in_my_estate(world, articles, api_as):
    client = api_as(world.users["owner"])
    response = client.get("/api/v1/me/kb/suggestions/", {"trade": "plumbing", "description": "厨房下水道堵了"})
    assert titles(response) == ["厨房下水道堵了怎么办"]
    other = api_as(world.users["other_household"]).get("/api/v1/me/kb/suggestions/", {"description": "下水道堵了"})
    assert titles(other) == ["乙小区下水道堵了怎么办"]
    assert titles(client.get("/api/v1/me/kb/suggestions/")) == []


def test_a_resident_says_solved_it_once_a_day(world, articles, api_as):
    client, url = api_as(world.users["owner"]), f"/api/v1/me/kb/articles/{articles['breaker'].pk}/answer/"
    first = client.post(url, {"outcome": "solved", "source": "repair-form", "estate": "beta"})
    assert first.status_code == 200
    assert first.json() | {"answered_at": None} == {
        "article": articles["breaker"].pk,
        "estate": "alpha",
        "day": str(timezone.localdate()),
        "outcome": "solved",
        "answered_at": None,
        "from_repair_form": True,
    }  # fmt: skip  (estate B is not the owner's: their own counts)
    client.post(url, {"outcome": "solved"})
    assert ArticleVisit.objects.count() == 1


def test_an_answer_must_be_solved_or_not_helped(world, articles, api_as):
    url = f"/api/v1/me/kb/articles/{articles['drain'].pk}/answer/"
    response = api_as(world.users["owner"]).post(url, {"outcome": "maybe"})
    assert response.status_code == 400 and "outcome" in response.json()["errors"]
    assert not ArticleVisit.objects.exists()


def test_a_newcomer_without_a_home_cannot_answer(world, articles, api_as):
    url = f"/api/v1/me/kb/articles/{articles['breaker'].pk}/answer/"
    response = api_as(world.users["newcomer"]).post(url, {"outcome": "solved"})
    assert response.status_code == 403 and response.json()["code"] == "not_permitted"


def test_managers_read_their_estate_s_counts_in_the_api(world, articles, api_as):
    ArticleVisit.objects.create(
        article=articles["drain"], estate=world.estate_a, user=world.users["owner"], day=timezone.localdate(),
        opened_at=timezone.now(), outcome="solved", answered_at=timezone.now(),
    )  # fmt: skip
    rows = api_as(world.users["manager"]).get("/api/v1/staff/kb/articles/", {"estate": "alpha", "days": 7}).json()
    first = rows["results"][0]
    assert first == {"id": articles["drain"].pk, "title": "厨房下水道堵了怎么办", "trade": "plumbing", "views": 1,
                     "solved": 1, "not_helped": 0, "suggested": 0, "no_report": 0}  # fmt: skip
    assert rows["count"] == 3
    assert api_as(world.users["manager"]).get("/api/v1/staff/kb/articles/", {"estate": "beta"}).status_code == 404
    assert api_as(world.users["dispatcher"]).get("/api/v1/staff/kb/articles/", {"estate": "alpha"}).status_code == 403
