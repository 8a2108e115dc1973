"""Stored XSS: script written into an article (through the admin editor or straight into the database) never
reaches a page, the API, the search or the repair form's suggestions."""

import pytest
from bs4 import BeautifulSoup

from portal.models import ArticlePage
from tests.conftest import sign_in_verified
from tests.portal.kb.helpers import published_article
from tests.portal.notices.test_pages import XSS_HTML, contentstate, script_in

pytestmark = pytest.mark.django_db

EVIL_TITLE = '下水道<img src=x onerror="alert(6)"><script>alert(7)</script>'


def scripts_anywhere(html: str) -> list[str]:
    """Executable things in the page's main part, apart from the app's own static scripts."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for own in main.select('script[src^="/static/"]'):
        own.decompose()
    return script_in(f"<article>{main}</article>")


def test_script_stored_straight_into_an_article_body_is_not_rendered(world, sections, web_as, api_as):
    article = published_article(sections["a"], title="堵了", body=XSS_HTML)
    html = web_as(world.users["owner"]).get(article.url).content.decode()
    assert script_in(html) == [] and "停水" in html and "注意" in html
    detail = api_as(world.users["owner"]).get(f"/api/v1/kb/articles/{article.pk}/").json()
    assert script_in(f"<article>{detail['body']}</article>") == []


def test_markup_in_a_title_or_summary_is_shown_as_text_in_lists_search_and_suggestions(world, sections, web_as):
    published_article(sections["a"], title=EVIL_TITLE, summary='<b onmouseover="alert(8)">摘要</b>', trade="plumbing")
    client = web_as(world.users["owner"])
    pages = [
        client.get("/search/", {"q": "下水道"}),
        client.get(sections["a"].url),
        client.get("/repairs/new/", {"trade": "plumbing"}),
        client.get("/repairs/new/suggestions/", {"trade": "plumbing"}),
    ]
    for response in pages[:3]:
        assert response.status_code == 200 and scripts_anywhere(response.content.decode()) == []
    fragment = pages[3].content.decode()
    assert script_in(f"<article>{fragment}</article>") == [] and "&lt;script&gt;" in fragment


def test_script_typed_into_the_admin_editor_never_reaches_the_article(world, sections, client, web_as):
    from wagtail.test.utils.form_data import querydict_from_html

    admin = sign_in_verified(client, world.users["admin"])
    add_url = f"/cms/pages/add/portal/articlepage/{sections['a'].pk}/"
    data = querydict_from_html(admin.get(add_url).content.decode(), form_id="page-edit-form").copy()
    data.update({"title": "热水器", "slug": "heater", "summary": "摘要", "keywords": "热水器", "action-publish": "1"})
    data["body"] = contentstate('点击<script>alert(1)</script><img src=x onerror="alert(2)">', "javascript:alert(3)")
    assert admin.post(add_url, data).status_code == 302
    article = ArticlePage.objects.get(slug="heater")
    assert "javascript:" not in article.body.lower()
    page = web_as(world.users["owner"]).get(article.url)
    assert page.status_code == 200 and script_in(page.content.decode()) == []
