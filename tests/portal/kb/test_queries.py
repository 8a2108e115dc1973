"""The article page and the repair form's suggestions run a fixed handful of queries, however many articles,
readings and answers there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.kb.models import ArticleVisit
from tests.portal.kb.helpers import published_article
from tests.residents.factories import OwnershipFactory

pytestmark = pytest.mark.django_db

# Of the article page's, 15 are the session, the user, two-factor, roles and Wagtail's routing down the tree
ARTICLE_PAGE_QUERIES = 21
SUGGESTIONS_QUERIES = 12


def _more(world, sections, n):
    for i in range(n):
        published_article(sections["a"], title=f"水管{i}", trade="plumbing", keywords="下水道")
        published_article(sections["company"], title=f"通用{i}", trade="plumbing", keywords="堵")


def _answers(world, article, n):
    for _ in range(n):
        user = OwnershipFactory(unit=world.unit_a).person.user
        ArticleVisit.objects.create(article=article, estate=world.estate_a, user=user, day=timezone.localdate(),
                                    outcome="solved", answered_at=timezone.now())  # fmt: skip


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_the_article_page_runs_a_fixed_number_of_queries(
    world, articles, sections, web_as, django_assert_max_num_queries
):
    client = web_as(world.users["owner"])
    url = articles["drain"].url
    client.get(url)  # today's reading is recorded once; later loads only read it
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        client.get(url)
    before = _count(client, url)
    _more(world, sections, 5)
    _answers(world, articles["drain"], 5)
    assert _count(client, url) == before


def test_the_suggestions_fragment_runs_a_fixed_number_of_queries(
    world, articles, sections, web_as, django_assert_max_num_queries
):
    client = web_as(world.users["owner"])
    params = {"place": f"unit:{world.unit_a.pk}", "trade": "plumbing", "description": "下水道堵了"}
    client.get("/repairs/new/suggestions/", params)  # fills Wagtail's cache of site root paths
    with django_assert_max_num_queries(SUGGESTIONS_QUERIES):
        client.get("/repairs/new/suggestions/", params)
    before = _count(client, "/repairs/new/suggestions/", params)
    _more(world, sections, 5)
    assert _count(client, "/repairs/new/suggestions/", params) == before


def test_the_section_and_the_managers_page_do_not_grow_with_articles_or_answers(world, articles, sections):
    from django.test import Client

    from tests.conftest import sign_in_verified

    manager, owner = (sign_in_verified(Client(), world.users[role]) for role in ("manager", "owner"))
    pages = [(owner, sections["a"].url, {}), (owner, sections["a"].url, {"q": "怎么办"}),
             (manager, "/staff/knowledge-base/", {})]  # fmt: skip
    for client, url, params in pages:
        client.get(url, params)  # warm Wagtail's caches
    before = [_count(client, url, params) for client, url, params in pages]
    _more(world, sections, 5)
    _answers(world, articles["drain"], 5)
    assert [_count(client, url, params) for client, url, params in pages] == before
