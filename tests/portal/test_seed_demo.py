"""`manage.py seed_demo` (what `make run` starts with): the demo estate with work in its queue, an outage the
demo resident sees, and a lift plan with its first order; running it again changes nothing."""

import pytest
from django.core.management import call_command

from repairs.models import Incident, MaintenancePlan, WorkOrder, WorkOrderEvent
from residents.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_opens_on_a_queue_with_work_an_outage_and_a_plan(web_as):
    call_command("seed_demo", verbosity=0)
    statuses = sorted(WorkOrder.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "assigned", "completed", "in_progress", "submitted"]
    planned = WorkOrder.objects.get(channel="planned")
    assert planned.checklist.count() == 3 and planned.assignee.username == "technician"
    assert WorkOrderEvent.objects.filter(action="submit").count() == 5  # each through the services, with its events
    outage = Incident.objects.get()
    assert outage.ended_at is None
    page = web_as(User.objects.get(username="resident")).get("/me/").content.decode()
    assert outage.title in page


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", verbosity=0)
    counts = (WorkOrder.objects.count(), Incident.objects.count(), MaintenancePlan.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (WorkOrder.objects.count(), Incident.objects.count(), MaintenancePlan.objects.count()) == counts


def test_seed_demo_gives_the_committee_a_chair_a_running_vote_and_a_disclosure(web_as):
    from committee.disclosures.models import Disclosure
    from committee.members.models import Member
    from committee.votes.models import Motion

    call_command("seed_demo", verbosity=0)
    assert Member.objects.get().role == "chair"
    vote = Motion.objects.get()
    assert vote.status == "announced" and vote.roll.filter(persons__user__username="resident").exists()
    assert Disclosure.objects.get().status == "published"
    page = web_as(User.objects.get(username="resident")).get(f"/me/votes/{vote.pk}/").content.decode()
    assert 'type="password"' in page
    call_command("seed_demo", verbosity=0)
    assert (Motion.objects.count(), Disclosure.objects.count(), Member.objects.count()) == (1, 1, 1)
