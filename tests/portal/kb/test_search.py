"""The portal search covers articles as well as notices; Chinese substrings find them on SQLite and PostgreSQL."""

import pytest

from portal.kb.selectors import articles_search_for_reader
from portal.models import ArticlePage
from portal.search import ChainedResults, search_pages
from portal.site_search import site_search
from tests.portal.notices.helpers import published_notice

pytestmark = pytest.mark.django_db


def found(query, user=None, queryset=None):
    queryset = ArticlePage.objects.all() if queryset is None else queryset
    return [page.title for page in search_pages(queryset, query, text_fields=("summary", "keywords", "body"))]


def test_a_chinese_substring_of_a_title_finds_the_article(articles):
    assert "厨房下水道堵了怎么办" in found("下水")


def test_summary_keywords_and_body_are_searched_too(articles):
    assert found("存水弯") == ["厨房下水道堵了怎么办"]  # summary
    assert found("空开") == ["跳闸了：一个房间没电怎么办"]  # keywords
    assert found("皮搋子") == ["厨房下水道堵了怎么办"]  # body


def test_a_reader_finds_the_company_s_and_their_estate_s_articles_only(world, articles):
    def titles(role):
        return sorted(a.title for a in articles_search_for_reader(user=world.users[role], query="怎么办"))

    assert titles("owner") == ["厨房下水道堵了怎么办", "电梯停了怎么办", "跳闸了：一个房间没电怎么办"]
    assert titles("other_household") == ["乙小区下水道堵了怎么办", "跳闸了：一个房间没电怎么办"]
    assert titles("newcomer") == ["跳闸了：一个房间没电怎么办"]
    assert len(titles("admin")) == 4


def test_the_site_search_puts_title_matches_of_notices_and_articles_before_other_matches(world, articles, boards):
    published_notice(boards["a"], title="停水通知", body="<p>下水道检修，全小区停水。</p>")
    published_notice(boards["a"], title="下水道疏通作业通知")
    results = site_search(user=world.users["owner"], query="下水道")
    assert [(hit.type, hit.page.title) for hit in results[0:10]] == [
        ("notice", "下水道疏通作业通知"),
        ("article", "厨房下水道堵了怎么办"),
        ("notice", "停水通知"),
    ]
    assert results.count() == 3 and [hit.page.title for hit in results[1:2]] == ["厨房下水道堵了怎么办"]


def test_chained_results_fetch_only_the_rows_asked_for(world, articles, django_assert_num_queries):
    twice = [("article", ArticlePage.objects.order_by("pk")), ("again", ArticlePage.objects.order_by("pk"))]
    many = ChainedResults(twice)
    with django_assert_num_queries(2):
        assert many.count() == 8
    with django_assert_num_queries(2):  # the slice crosses from the first part to the second: one fetch each
        assert [hit.type for hit in many[3:5]] == ["article", "again"]
    pks = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    with django_assert_num_queries(1):
        assert [hit.page.pk for hit in many[5:8]] == pks[1:]


def test_the_search_page_shows_articles_and_notices(world, articles, boards, web_as):
    published_notice(boards["a"], title="3号楼电梯维保通知")
    html = web_as(world.users["owner"]).get("/search/", {"q": "电梯"}).content.decode()
    assert "3号楼电梯维保通知" in html and "电梯停了怎么办" in html


def test_the_search_api_tells_notices_and_articles_apart(world, articles, boards, api_as):
    published_notice(boards["a"], title="3号楼电梯维保通知")
    rows = api_as(world.users["owner"]).get("/api/v1/me/search/", {"q": "电梯"}).json()["results"]
    assert [(row["type"], row["title"]) for row in rows] == [
        ("notice", "3号楼电梯维保通知"),
        ("article", "电梯停了怎么办"),
    ]
    article = rows[1]
    assert article["estate"] == "alpha" and article["trade"] == "lift" and article["url"] == articles["lift"].url
    other = api_as(world.users["other_household"]).get("/api/v1/me/search/", {"q": "下水"}).json()["results"]
    assert [row["title"] for row in other] == ["乙小区下水道堵了怎么办"]


def test_an_empty_query_finds_nothing(world, articles, api_as):
    assert api_as(world.users["owner"]).get("/api/v1/me/search/", {"q": "  "}).json()["results"] == []
    assert site_search(user=world.users["owner"], query="").count() == 0
