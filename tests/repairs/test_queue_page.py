"""The staff queue's rows are worked out in the view (link, deadline, time left) and show what Django's
{% url %}, |date and |timeuntil showed."""

from datetime import timedelta

import pytest
import time_machine
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timeuntil

from tests.repairs.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("left", [timedelta(hours=3, minutes=20), timedelta(days=2, hours=5), -timedelta(hours=1)])
def test_queue_rows_link_and_show_the_deadline_as_the_template_filters_did(world, web_as, language, left):
    with time_machine.travel(timezone.now(), tick=False):
        due = timezone.now() + left
        order = WorkOrderFactory(unit=world.unit_a, priority="urgent", resolution_due=due)
        page = web_as(world.users["dispatcher"]).get("/staff/work-orders/", HTTP_ACCEPT_LANGUAGE=language)
        with translation.override(language), timezone.override("Asia/Shanghai"):
            local = timezone.localtime(due)  # what the template did before |date
            expected = (
                f'<a href="{reverse("staff-work-order", args=[order.pk])}">{order.pk}</a>',
                f'<time datetime="{date_filter(local, "c")}">{date_filter(local, "m-d H:i")}</time> ({timeuntil(due)})',
            )
    body = page.content.decode()
    assert expected[0] in body and expected[1] in body
