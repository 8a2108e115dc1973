"""The demo estate's self-help articles (manage.py seed_demo): published, found by the demo resident's search
and suggested on their repair form; running it again adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from portal.kb.demo import ARTICLES
from portal.models import ArticlePage
from residents.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_the_self_help_articles_once(web_as):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert sorted(ArticlePage.objects.live().values_list("title", flat=True)) == sorted(a.title for a in ARTICLES)
    client = web_as(User.objects.get(username="resident"))
    found = client.get("/search/", {"q": "下水"}).content.decode()
    assert "厨房下水道堵了怎么办" in found
    form = client.get("/repairs/new/suggestions/", {"description": "卫生间马桶一直有流水声"}).content.decode()
    assert [a.get_text(strip=True) for a in BeautifulSoup(form, "html.parser").select(".kb-suggestions li > a")] == [
        "马桶一直流水怎么办"
    ]
    lift = ArticlePage.objects.get(title="电梯停了或被困电梯怎么办")
    assert client.get(lift.url).status_code == 200 and lift.trade.key == "lift"
