"""The clock-driven sweeps (feedback.complaints.tasks, run by beat): breached deadlines and auto-closing.

A deadline is breached once and marked with the time the sweep saw it, so re-running the sweep changes nothing:
  acknowledge / answer overdue → the estate's managers are told (the committee, on the committee's route);
  the manager's answer to an escalation overdue → the owners' committee is told, and sees the item from then on.
The due times themselves are set by the services (feedback.complaints.deadlines).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from residents.models import Role

from .models import Complaint, ComplaintEvent, ComplaintSettings, Kind
from .services import handlers_of, notify_role_users, role_users
from .workflow import AWAITING_RESIDENT, BEFORE_ANSWER, Actor, Status

# (deadline, due field, breach field, statuses in which it is still pending)
DEADLINES = (
    ("acknowledge", "acknowledge_due", "acknowledge_breached_at", frozenset({Status.RECEIVED})),
    ("answer", "answer_due", "answer_breached_at", BEFORE_ANSWER),
    ("manager_answer", "manager_answer_due", "manager_breached_at", frozenset({Status.ESCALATED})),
)
SUBJECTS = {
    "acknowledge": _("%(kind)s #%(id)s in %(estate)s is not acknowledged in time"),
    "answer": _("%(kind)s #%(id)s in %(estate)s is not answered in time"),
    "manager_answer": _("%(kind)s #%(id)s in %(estate)s: the manager has not answered the escalation in time"),
}


def _overdue(now: datetime, due: str, breached: str, statuses) -> Q:
    return Q(status__in=statuses, **{f"{due}__lte": now, f"{breached}__isnull": True})


def complaints_mark_breaches(*, now: datetime) -> int:
    """Mark every newly breached deadline and tell who is responsible; returns how many were marked.

    Idempotent and safe to run concurrently: rows are locked with SKIP LOCKED and re-checked before writing."""
    return sum(_mark(now, *deadline) for deadline in DEADLINES)


@transaction.atomic
def _mark(now: datetime, name: str, due: str, breached: str, statuses) -> int:
    rows = Complaint.objects.filter(_overdue(now, due, breached, statuses)).select_related("estate")
    rows = list(rows.order_by("pk").select_for_update(of=("self",), skip_locked=True)[:2000])
    for complaint in rows:
        setattr(complaint, breached, now)
        if name == "manager_answer":
            complaint.committee_since = complaint.committee_since or now
        complaint.save(update_fields=[breached, "committee_since", "updated_at"])
        ComplaintEvent.objects.create(
            complaint=complaint, by=Actor.SYSTEM, action=f"{name}_overdue", from_status=complaint.status,
            to_status=complaint.status, visibility=ComplaintEvent.Visibility.INTERNAL,
            data={"due": getattr(complaint, due).isoformat()},
        )  # fmt: skip
        audit_record(action=f"complaint.{name}_overdue", obj=complaint, estate_id=complaint.estate_id)
        _tell(complaint, name)
    return len(rows)


def _tell(complaint: Complaint, name: str) -> None:
    if name == "manager_answer":
        users, audience = role_users(complaint.estate_id, [Role.COMMITTEE]), "committee"
    else:
        users, audience = handlers_of(complaint, managers_only=True)
    params = {"kind": Kind(complaint.kind).label, "id": complaint.pk, "estate": complaint.estate.name}
    notify_role_users(users, audience, complaint, f"complaint.{complaint.pk}.overdue.{name}", SUBJECTS[name], params)


def complaints_to_auto_close(*, now: datetime, limit: int = 1000) -> list[int]:
    """Ids of answers left without the resident's reply longer than their estate's auto-close days."""
    days = dict(ComplaintSettings.objects.values_list("estate_id", "auto_close_days"))
    default = ComplaintSettings._meta.get_field("auto_close_days").default
    aged = ~Q(estate_id__in=days) & Q(last_answered_at__lte=now - timedelta(days=default))
    for value in set(days.values()):  # one condition per distinct setting: one query for any number of estates
        estates = [estate for estate, d in days.items() if d == value]
        aged |= Q(estate_id__in=estates, last_answered_at__lte=now - timedelta(days=value))
    found = Complaint.objects.filter(aged, status__in=AWAITING_RESIDENT).order_by("last_answered_at", "pk")
    return list(found.values_list("pk", flat=True)[:limit])
