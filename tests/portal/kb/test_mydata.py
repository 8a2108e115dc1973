"""'Download my data' shows the articles I used and what I answered; erasing my account keeps the counts."""

import pytest
from django.db import transaction

from portal.kb.models import ArticleVisit
from portal.kb.services import article_answer
from residents.mydata.services import account_erase

pytestmark = pytest.mark.django_db


def test_my_export_lists_my_answers_and_no_one_else_s(world, articles, api_as, web_as):
    web_as(world.users["owner"]).get(articles["drain"].url, {"from": "repair-form"})
    article_answer(user=world.users["owner"], article_id=articles["drain"].pk, outcome="solved")
    article_answer(user=world.users["tenant"], article_id=articles["lift"].pk, outcome="not_helped")
    data = api_as(world.users["owner"]).get("/api/v1/me/data/").json()
    [used] = data["self_help"]
    assert used["article"] == "厨房下水道堵了怎么办" and used["estate"] == "甲小区"
    assert used["answer"] == "solved" and used["from_repair_form"] is True and used["opened_at"]


def test_erasing_my_account_keeps_my_answer_counted_but_linked_to_no_one(world, articles):
    owner = world.users["owner"]
    article_answer(user=owner, article_id=articles["drain"].pk, outcome="solved")
    with transaction.atomic():
        account_erase(user=owner)
    visit = ArticleVisit.objects.get()
    assert visit.outcome == "solved" and visit.user_id == owner.pk
    owner.refresh_from_db()
    assert owner.username == f"erased-{owner.pk}"
