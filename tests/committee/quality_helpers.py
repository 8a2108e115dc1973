"""Finished work orders and complaints placed in a given month, for the spot-check and report tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from feedback.complaints.models import Complaint
from repairs.models import WorkOrder
from tests.repairs.factories import WorkOrderFactory

SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def finished(unit, when, *, status="closed", technician=None, **fields) -> WorkOrder:
    """An order of the unit's household, reported a day before `when`, completed and confirmed at `when`."""
    reporter = unit.ownerships.first().person if unit.ownerships.exists() else None
    extra = {"reporter": reporter} if reporter else {}
    order = WorkOrderFactory(unit=unit, status=status, assignee=technician, **extra, **fields)
    WorkOrder.objects.filter(pk=order.pk).update(
        created_at=when - timedelta(days=1), completed_at=when, confirmed_at=when,
        closed_at=when + timedelta(days=7) if status == "closed" else None,
    )  # fmt: skip
    order.refresh_from_db()
    return order


def complaint(estate, person, when, kind="complaint") -> Complaint:
    item = Complaint.objects.create(
        estate=estate, submitter=person, kind=kind, title="保洁", body="楼道脏", body_digest=f"{when}{kind}{person.pk}",
        received_at=when, acknowledge_due=when, answer_due=when,
    )  # fmt: skip
    Complaint.objects.filter(pk=item.pk).update(created_at=when)
    return item
