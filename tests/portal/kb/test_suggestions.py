"""The repair form suggests matching articles first: for the trade chosen and the words typed, from the estate of
the place and the company, never another estate's; with the script (a fragment) and without it."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from repairs.models import WorkOrder
from repairs.suggesters import SuggestionQuery, Suggestions, register_suggester, suggestions_for
from tests.residents.factories import OwnershipFactory

pytestmark = pytest.mark.django_db


def suggested(html: str) -> list[str]:
    box = BeautifulSoup(html, "html.parser").select_one(".kb-suggestions")
    return [link.get_text(strip=True) for link in box.select("li > a")] if box else []


def test_the_form_shows_nothing_before_a_trade_is_chosen_or_a_word_written(world, articles, web_as):
    html = web_as(world.users["owner"]).get("/repairs/new/").content.decode()
    assert suggested(html) == [] and 'id="repair-suggestions"' in html


def test_a_linked_trade_shows_that_trade_s_articles_of_my_estate_only(world, articles, web_as):
    html = web_as(world.users["owner"]).get("/repairs/new/", {"trade": "plumbing"}).content.decode()
    assert suggested(html) == ["厨房下水道堵了怎么办"]  # not estate B's drain article
    assert 'value="plumbing" selected' in html  # the trade stays chosen in the form


def test_without_script_the_self_help_button_posts_the_form_and_keeps_what_was_typed(world, articles, web_as):
    form = {"place": f"unit:{world.unit_a.pk}", "trade": "carpentry", "priority": "routine",
            "description": "厨房水槽下水道好像堵了", "intent": "suggest"}  # fmt: skip
    response = web_as(world.users["owner"]).post("/repairs/new/", form)
    html = response.content.decode()
    assert response.status_code == 200 and suggested(html) == ["厨房下水道堵了怎么办"]
    assert "厨房水槽下水道好像堵了" in html and 'class="error"' not in html
    assert not WorkOrder.objects.exists()


def test_the_fragment_matches_words_and_trade_and_shows_the_company_s_articles_too(world, articles, web_as):
    client = web_as(world.users["owner"])
    html = client.get("/repairs/new/suggestions/", {"description": "卧室跳闸，没电了"}).content.decode()
    assert suggested(html) == ["跳闸了：一个房间没电怎么办"]
    lift = client.get("/repairs/new/suggestions/", {"trade": "lift", "description": "电梯被困"}).content.decode()
    assert suggested(lift) == ["电梯停了怎么办"]
    assert suggested(client.get("/repairs/new/suggestions/", {"description": "门禁卡丢了"}).content.decode()) == []


def test_other_estates_articles_are_never_suggested(world, articles, web_as):
    for role, unseen in (("owner", "乙小区下水道堵了怎么办"), ("other_household", "厨房下水道堵了怎么办")):
        html = (
            web_as(world.users[role])
            .get("/repairs/new/suggestions/", {"trade": "plumbing", "description": "下水道堵了"})
            .content.decode()
        )
        assert unseen not in suggested(html) and suggested(html)


def test_the_place_chosen_narrows_the_articles_to_its_estate(world, articles, web_as):
    OwnershipFactory(unit=world.unit_b, person=world.users["owner"].person)  # the owner has a home in each estate
    client = web_as(world.users["owner"])
    both = suggested(client.get("/repairs/new/suggestions/", {"trade": "plumbing"}).content.decode())
    assert sorted(both) == ["乙小区下水道堵了怎么办", "厨房下水道堵了怎么办"]
    in_b = client.get("/repairs/new/suggestions/", {"trade": "plumbing", "place": f"unit:{world.unit_b.pk}"})
    assert suggested(in_b.content.decode()) == ["乙小区下水道堵了怎么办"]
    stranger = client.get("/repairs/new/suggestions/", {"trade": "plumbing", "place": "unit:999999"})
    assert sorted(suggested(stranger.content.decode())) == sorted(both)  # an unknown place narrows nothing


def test_each_suggestion_links_to_the_article_and_offers_solved_it_without_a_nested_form(world, articles, web_as):
    html = web_as(world.users["owner"]).get("/repairs/new/", {"trade": "plumbing"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one("#repair-suggestions")
    assert box.find_parent("form") is not None and box.find("form") is None
    link = box.select_one("li > a")["href"]
    assert link.startswith(articles["drain"].url) and "from=repair-form" in link
    button = box.select_one("button[name=outcome][value=solved]")
    assert button["formaction"].startswith(f"/kb/articles/{articles['drain'].pk}/answer/?source=repair-form")
    assert button["formenctype"] == "application/x-www-form-urlencoded"  # the form's photos are not uploaded


def test_the_form_script_is_served_by_the_app(world, web_as):
    html = web_as(world.users["owner"]).get("/repairs/new/").content.decode()
    src = BeautifulSoup(html, "html.parser").select_one("script[src]")["src"]
    assert src.startswith("/static/") and "//" not in src.removeprefix("/")
    found = finders.find(src.removeprefix("/static/"))
    assert found and "repair-suggestions" in Path(found).read_text()


def test_the_fragment_asks_anonymous_visitors_to_sign_in(client):
    assert client.get("/repairs/new/suggestions/", {"trade": "plumbing"}).status_code == 302


def test_suggesters_registered_by_name_are_asked_in_order_and_may_offer_nothing(monkeypatch):
    from repairs import suggesters

    monkeypatch.setattr(suggesters, "_SUGGESTERS", {})
    register_suggester("first", lambda query: Suggestions("a.html", {"text": query.text}))
    register_suggester("silent", lambda query: None)
    register_suggester("first", lambda query: Suggestions("b.html", {"trade": query.trade}))  # replaces, same name
    query = SuggestionQuery(user=None, estate_ids=frozenset(), trade="lift", text="电梯")
    assert suggestions_for(query) == [Suggestions("b.html", {"trade": "lift"})]


def test_a_report_sent_with_a_mistake_shows_its_errors_and_the_suggestions(world, articles, web_as):
    form = {"place": f"unit:{world.unit_a.pk}", "trade": "lift", "priority": "routine", "description": ""}
    response = web_as(world.users["owner"]).post("/repairs/new/", form)
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert suggested(response.content.decode()) == ["电梯停了怎么办"]
    assert not WorkOrder.objects.exists()
