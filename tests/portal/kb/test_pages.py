"""Self-help pages: the company's are public, an estate's are read by its residents, staff and committee only;
the section lists and filters its articles; an article records a resident's reading once a day."""

import pytest
from django.core.exceptions import ValidationError

from portal.kb.models import ArticleVisit
from tests.portal.kb.helpers import article_draft, published_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 200), ("tenant", 200), ("dispatcher", 200), ("committee", 200), ("admin", 200),
     ("other_household", 404), ("newcomer", 404), ("manager_b", 404), ("committee_b", 404)],
)  # fmt: skip
def test_an_estate_s_article_is_read_by_its_residents_staff_and_committee_only(world, articles, web_as, role, status):
    assert web_as(world.users[role]).get(articles["drain"].url).status_code == status


def test_an_estate_s_article_sends_anonymous_visitors_to_sign_in(articles, client):
    response = client.get(articles["drain"].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["owner", "other_household", "newcomer", "manager_b", "admin"])
def test_the_company_s_articles_are_read_by_everyone_signed_in(world, articles, web_as, role):
    assert web_as(world.users[role]).get(articles["breaker"].url).status_code == 200


def test_the_company_s_articles_and_section_are_public(articles, client):
    page = client.get(articles["breaker"].url)
    assert page.status_code == 200 and "跳闸了：一个房间没电怎么办" in page.content.decode()
    section = client.get(articles["breaker"].get_parent().url).content.decode()
    assert "跳闸了" in section and "厨房下水道" not in section  # estate articles are not listed publicly
    assert "This solved it" not in page.content.decode()  # nobody to count: no answer buttons


def test_an_estate_section_lists_its_own_and_the_company_s_articles_not_another_estate_s(world, articles, web_as):
    html = web_as(world.users["owner"]).get(articles["drain"].get_parent().url).content.decode()
    assert "厨房下水道堵了怎么办" in html and "跳闸了" in html and "电梯停了" in html
    assert "乙小区" not in html


def test_a_section_filters_by_trade_and_by_chinese_words(world, articles, web_as):
    client, url = web_as(world.users["owner"]), articles["drain"].get_parent().url
    by_trade = client.get(url, {"trade": "lift"}).content.decode()
    assert "电梯停了" in by_trade and "下水道" not in by_trade
    by_word = client.get(url, {"q": "下水"}).content.decode()
    assert "厨房下水道堵了怎么办" in by_word and "电梯停了" not in by_word
    nothing = client.get(url, {"q": "暖气"}).content.decode()
    assert not any(title in nothing for title in ("下水道", "电梯停了", "跳闸"))


def test_a_draft_article_is_not_served(world, sections, web_as):
    draft = article_draft(sections["a"], title="草稿")
    assert web_as(world.users["owner"]).get(f"/alpha/help/{draft.slug}/").status_code == 404


def test_reading_an_article_is_counted_once_a_day_for_the_resident_s_estate(world, articles, web_as):
    client = web_as(world.users["owner"])
    client.get(articles["drain"].url)
    client.get(articles["drain"].url)
    visit = ArticleVisit.objects.get()
    assert (visit.user, visit.estate, visit.outcome) == (world.users["owner"], world.estate_a, "")
    assert visit.opened_at is not None and visit.suggested_at is None


def test_staff_reading_is_not_counted(world, articles, web_as):
    web_as(world.users["dispatcher"]).get(articles["drain"].url)
    web_as(world.users["admin"]).get(articles["breaker"].url)
    assert not ArticleVisit.objects.exists()


def test_a_company_article_opened_from_the_repair_form_counts_for_the_estate_named(world, articles, web_as):
    web_as(world.users["owner"]).get(articles["breaker"].url, {"from": "repair-form", "estate": world.estate_b.pk})
    visit = ArticleVisit.objects.get()
    assert visit.estate == world.estate_a  # estate B is not the owner's: their own estate counts instead
    assert visit.suggested_at is not None


def test_keywords_of_a_single_latin_letter_or_too_many_are_refused_on_publish(world, sections):
    with pytest.raises(ValidationError) as refused:
        published_article(sections["a"], title="坏关键词", keywords="a, 下水道")
    assert "keywords" in refused.value.message_dict
    with pytest.raises(ValidationError):
        published_article(sections["a"], title="太多", keywords=",".join(f"词{n}" for n in range(21)))
    assert published_article(sections["a"], title="单字可以", keywords="堵, 漏").live


def test_a_section_can_only_sit_under_a_home_page_and_hold_articles():
    from portal.models import ArticleIndexPage, ArticlePage, EstateHomePage, HomePage, NoticeIndexPage

    assert ArticleIndexPage.can_create_at(HomePage()) and ArticleIndexPage.can_create_at(EstateHomePage())
    assert not ArticleIndexPage.can_create_at(NoticeIndexPage())
    assert ArticlePage.can_create_at(ArticleIndexPage()) and not ArticlePage.can_create_at(EstateHomePage())


def test_every_estate_home_is_made_with_one_self_help_section_listing_the_company_s_articles(world, web_as):
    from portal.models import ArticleIndexPage
    from portal.sites.services import ensure_estate_home
    from tests.portal.kb.helpers import kb_section

    company_article = published_article(kb_section(), title="公司的文章")
    home = ensure_estate_home(world.estate_a)
    ensure_estate_home(world.estate_a)  # again: no second section
    section = ArticleIndexPage.objects.child_of(home).get()
    assert section.live and section.slug == "help"
    response = web_as(world.users["owner"]).get(section.url)
    assert response.status_code == 200 and company_article.title in response.content.decode()
    assert web_as(world.users["other_household"]).get(section.url).status_code == 404


@pytest.mark.parametrize(("role", "section"), [("owner", "a"), ("other_household", "b"), ("newcomer", "company"),
                                               ("dispatcher", "a"), (None, "company")])  # fmt: skip
def test_the_self_help_link_opens_my_estate_s_section_else_the_company_s(world, sections, web_as, role, section):
    response = web_as(world.users[role] if role else None).get("/kb/")
    assert response.status_code == 302 and response["Location"] == sections[section].url


def test_the_self_help_link_is_a_404_when_there_is_no_section(world, web_as):
    assert web_as(world.users["owner"]).get("/kb/").status_code == 404


def test_an_editor_s_preview_of_a_new_article_is_served_and_counts_no_reading(world, sections, rf):
    from portal.models import ArticlePage

    unsaved = ArticlePage(title="新文章", slug="new", summary="摘要", body="<p>正文</p>")
    section = sections["a"]  # where Wagtail's "preview on create" places it, without saving
    unsaved.depth, unsaved.path = section.depth + 1, unsaved._get_path(section.path, section.depth + 1, 1)
    request = rf.get("/")
    request.user = world.users["owner"]  # a resident who also edits: their preview is not a reading
    request.is_preview = True  # as Wagtail's make_preview_request sets it
    response = unsaved.serve_preview(request, "")
    assert response.status_code == 200 and "新文章" in response.rendered_content
    assert not ArticleVisit.objects.exists()
