"""'This solved it, I don't need to report': one answer per resident, article and day (a later one replaces it),
counted for the resident's estate; managers see the counts per article."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotPermitted
from portal.kb import counts
from portal.kb.models import ArticleVisit
from portal.kb.services import article_answer
from repairs.models import WorkOrder
from tests.repairs.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db


def answer_url(article):
    return f"/kb/articles/{article.pk}/answer/"


def test_solved_it_on_an_article_records_a_deflection_for_my_estate(world, articles, web_as):
    response = web_as(world.users["owner"]).post(answer_url(articles["drain"]), {"outcome": "solved"})
    assert response.status_code == 302 and response["Location"] == articles["drain"].url
    visit = ArticleVisit.objects.get()
    assert (visit.article_id, visit.estate, visit.user, visit.outcome) == (
        articles["drain"].pk, world.estate_a, world.users["owner"], "solved"
    )  # fmt: skip
    assert visit.answered_at is not None and visit.day == timezone.localdate()


def test_solved_it_from_the_repair_form_sends_no_report_and_goes_home(world, articles, web_as):
    client = web_as(world.users["owner"])
    form = {
        "place": f"unit:{world.unit_a.pk}",
        "trade": "plumbing",
        "description": "下水道堵了",
        "outcome": "solved",
        "csrfmiddlewaretoken": "x",
    }  # fmt: skip  (the whole repair form is posted by the suggestion's button)
    url = f"{answer_url(articles['breaker'])}?source=repair-form&estate={world.estate_a.pk}"
    response = client.post(url, form)
    assert response["Location"] == "/me/"
    assert not WorkOrder.objects.exists()
    visit = ArticleVisit.objects.get()
    assert visit.outcome == "solved" and visit.suggested_at is not None and visit.estate == world.estate_a


def test_answering_again_the_same_day_replaces_the_answer_and_cannot_inflate_the_count(world, articles, web_as):
    client = web_as(world.users["owner"])
    for outcome in ("solved", "solved", "not_helped", "solved"):
        client.post(answer_url(articles["drain"]), {"outcome": outcome})
    assert ArticleVisit.objects.count() == 1 and ArticleVisit.objects.get().outcome == "solved"
    assert counts.article_counts(estate_id=world.estate_a.pk)[0].solved == 1


def test_a_new_day_is_a_new_answer(world, articles):
    owner = world.users["owner"]
    article_answer(user=owner, article_id=articles["drain"].pk, outcome="solved")
    ArticleVisit.objects.update(day=timezone.localdate() - timedelta(days=1))
    article_answer(user=owner, article_id=articles["drain"].pk, outcome="solved")
    assert ArticleVisit.objects.count() == 2


def test_didn_t_help_leads_to_the_repair_form_for_the_article_s_trade(world, articles, web_as):
    response = web_as(world.users["owner"]).post(answer_url(articles["drain"]), {"outcome": "not_helped"})
    assert response["Location"] == "/repairs/new/?trade=plumbing"
    assert ArticleVisit.objects.get().outcome == "not_helped"


def test_an_unknown_answer_is_refused_with_a_message_and_nothing_saved(world, articles, web_as):
    client = web_as(world.users["owner"])
    response = client.post(answer_url(articles["drain"]), {"outcome": "delighted"}, follow=True)
    assert response.status_code == 200 and len(list(response.context["messages"])) == 1
    assert not ArticleVisit.objects.exclude(outcome="").exists()  # the page it returned to counted a reading


def test_staff_who_read_an_article_cannot_answer_for_residents(world, articles, web_as):
    with pytest.raises(NotPermitted):
        article_answer(user=world.users["dispatcher"], article_id=articles["drain"].pk, outcome="solved")
    response = web_as(world.users["dispatcher"]).post(answer_url(articles["drain"]), {"outcome": "solved"})
    assert response.status_code == 302 and not ArticleVisit.objects.exists()


def test_another_estate_s_article_cannot_be_answered(world, articles, web_as):
    assert (
        web_as(world.users["other_household"]).post(answer_url(articles["drain"]), {"outcome": "solved"}).status_code
        == 404
    )
    assert not ArticleVisit.objects.exists()


def test_the_article_page_shows_my_answer_of_today(world, articles, web_as):
    client = web_as(world.users["owner"])
    client.post(answer_url(articles["drain"]), {"outcome": "solved"})
    page = client.get(articles["drain"].url)
    assert page.context["visit"].outcome == "solved"


def _use(world, article, role="owner", **fields):
    return ArticleVisit.objects.create(
        article=article, estate=world.estate_a, user=world.users[role], day=timezone.localdate(), **fields
    )


def test_managers_counts_per_article_views_answers_and_the_repair_form(world, articles):
    now = timezone.now()
    _use(world, articles["drain"], opened_at=now, outcome="solved", answered_at=now)
    _use(world, articles["drain"], "tenant", opened_at=now, outcome="not_helped", answered_at=now, suggested_at=now)
    _use(world, articles["lift"], opened_at=now)
    rows = {row.article.title: row for row in counts.article_counts(estate_id=world.estate_a.pk)}
    assert set(rows) == {"厨房下水道堵了怎么办", "电梯停了怎么办", "跳闸了：一个房间没电怎么办"}  # not B's
    drain = rows["厨房下水道堵了怎么办"]
    assert (drain.views, drain.solved, drain.not_helped, drain.suggested) == (2, 1, 1, 1)
    assert (rows["电梯停了怎么办"].views, rows["跳闸了：一个房间没电怎么办"].views) == (1, 0)
    assert list(rows)[0] == "厨房下水道堵了怎么办"  # most problems solved first


def test_counts_keep_to_the_period_and_to_the_estate(world, articles):
    old = _use(world, articles["drain"], outcome="solved", answered_at=timezone.now())
    ArticleVisit.objects.filter(pk=old.pk).update(day=timezone.localdate() - timedelta(days=40))
    ArticleVisit.objects.create(
        article=articles["breaker"], estate=world.estate_b, user=world.users["other_household"],
        day=timezone.localdate(), outcome="solved", answered_at=timezone.now(),
    )  # fmt: skip
    in_a = {row.article.title: row.solved for row in counts.article_counts(estate_id=world.estate_a.pk, days=30)}
    assert in_a["厨房下水道堵了怎么办"] == 0 and in_a["跳闸了：一个房间没电怎么办"] == 0
    assert {r.article.title: r.solved for r in counts.article_counts(estate_id=world.estate_a.pk, days=90)}[
        "厨房下水道堵了怎么办"
    ] == 1


def test_no_report_after_counts_repair_form_visitors_who_sent_nothing_within_a_day(world, articles):
    two_days_ago = timezone.now() - timedelta(days=2)
    _use(world, articles["drain"], "owner", suggested_at=two_days_ago)  # sent nothing
    _use(world, articles["lift"], "owner", suggested_at=two_days_ago)  # reported the lift within hours
    order = WorkOrderFactory(unit=world.unit_a, reporter=world.users["owner"].person)
    WorkOrder.objects.filter(pk=order.pk).update(created_at=two_days_ago + timedelta(hours=3))
    _use(world, articles["breaker"], "owner", suggested_at=timezone.now())  # too recent to judge
    rows = {row.article.title: row for row in counts.article_counts(estate_id=world.estate_a.pk)}
    # the order answers the lift visit and the drain visit alike: both were on the same morning
    assert rows["厨房下水道堵了怎么办"].no_report == 0 and rows["电梯停了怎么办"].no_report == 0
    assert rows["跳闸了：一个房间没电怎么办"].suggested == 1 and rows["跳闸了：一个房间没电怎么办"].no_report == 0
    WorkOrder.objects.filter(pk=order.pk).update(created_at=two_days_ago + timedelta(days=1, hours=1))
    rows = {row.article.title: row for row in counts.article_counts(estate_id=world.estate_a.pk)}
    assert rows["厨房下水道堵了怎么办"].no_report == 1 and rows["电梯停了怎么办"].no_report == 1


def test_the_staff_page_shows_an_estate_s_counts_to_its_managers(world, articles, web_as):
    _use(world, articles["drain"], outcome="solved", answered_at=timezone.now())
    html = web_as(world.users["manager"]).get("/staff/knowledge-base/").content.decode()
    assert "厨房下水道堵了怎么办" in html and "乙小区" not in html
    assert web_as(world.users["manager"]).get("/staff/knowledge-base/", {"estate": "beta"}).status_code == 404
    assert web_as(world.users["dispatcher"]).get("/staff/knowledge-base/").status_code == 403
    assert web_as(world.users["admin"]).get("/staff/knowledge-base/", {"estate": "beta"}).status_code == 200


def test_an_article_opened_from_the_repair_form_answers_as_from_the_repair_form(world, articles, web_as):
    from bs4 import BeautifulSoup

    client = web_as(world.users["owner"])
    page = client.get(articles["breaker"].url, {"from": "repair-form", "estate": world.estate_a.pk})
    form = BeautifulSoup(page.content, "html.parser").select_one(".kb-answer form")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert fields["source"] == "repair-form" and fields["estate"] == str(world.estate_a.pk)
    response = client.post(form["action"], {**fields, "outcome": "solved"})
    assert response["Location"] == "/me/"
    visit = ArticleVisit.objects.get()
    assert visit.outcome == "solved" and visit.opened_at and visit.suggested_at
