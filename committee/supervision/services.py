"""Everything that can happen to a supervision item. Each public function is one transaction: lock the row, ask
the state table, save, write the event and the audit row, queue notifications (outbox, sent after commit).

Privacy: a linked complaint may be addressed privately to the committee, which the company cannot see; nothing
the company receives carries the complaint's content, only its number (the committee writes the details).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from feedback.complaints.models import Complaint
from repairs.models import WorkOrder
from residents import access
from residents.models import EstateRole, Role
from residents.notify import notify_user

from ..selectors import rules_for
from .models import Subject, SupervisionEvent, SupervisionItem
from .workflow import STATUS_LABELS, Actor, Status, TransitionError, transition

TEXT_MAX = 4000


@dataclass(frozen=True)
class Draft:
    """What a committee member raises. `answer_due` (a local date) defaults to the estate's answer days."""

    subject: str
    details: str
    about: str = Subject.PATTERN
    complaint_id: int | None = None
    work_order_id: int | None = None
    answer_due: date | None = None


# --- raising -----------------------------------------------------------------------------------------------


def _deadline(day: date | None, estate_id: int, now: datetime, errors: dict, field: str = "answer_due"):
    """The end of the chosen local day, or now plus the estate's answer days; a past day is refused."""
    if day is None:
        return now + timedelta(days=rules_for(estate_id=estate_id).supervision_answer_days)
    due = datetime.combine(day, time(23, 59, 59), tzinfo=timezone.get_current_timezone())
    if due <= now:
        errors[field] = [_("Choose a deadline that has not passed yet.")]
    return due


_MISSING = {
    Subject.COMPLAINT: gettext_lazy("There is no complaint #%(id)s in this estate: link one of this estate's own."),
    Subject.WORK_ORDER: gettext_lazy("There is no repair order #%(id)s in this estate: link one of this estate's own."),
}


def _draft_errors(draft: Draft, estate_id: int, errors: dict) -> None:
    if not draft.subject.strip() or len(draft.subject) > 120:
        errors["subject"] = [_("Give the matter a short subject (at most 120 characters).")]
    if not draft.details.strip() or len(draft.details) > TEXT_MAX:
        errors["details"] = [_("Describe the matter (at most 4,000 characters).")]
    if draft.about not in Subject.values:
        errors["about"] = [_("Choose a complaint, a repair order or a pattern.")]
        return
    links = {"complaint_id": (Subject.COMPLAINT, Complaint), "work_order_id": (Subject.WORK_ORDER, WorkOrder)}
    for name, (about, model) in links.items():
        value = getattr(draft, name)
        if draft.about == about and value is None:
            errors[name] = [_("Give the number it is about.")]
        elif draft.about != about and value is not None:
            errors[name] = [_("Leave this empty: the item is not about one.")]
        elif value is not None and not model.objects.filter(pk=value, estate_id=estate_id).exists():
            errors[name] = [_MISSING[about] % {"id": value}]


@transaction.atomic
def supervision_raise(*, actor, estate_id: int, draft: Draft, request=None) -> SupervisionItem:
    """Raise an item for the company to answer; raises NotPermitted outside the actor's committee and
    ValidationError naming each bad field (nothing saved)."""
    if not access.can(actor, "committee.manage", estate_id):
        raise NotPermitted(_("Only members of this estate's committee may raise a supervision item."))
    errors, now = {}, timezone.now()
    _draft_errors(draft, estate_id, errors)
    due = _deadline(draft.answer_due, estate_id, now, errors)
    if errors:
        raise ValidationError(errors)
    item = SupervisionItem.objects.create(
        estate_id=estate_id, about=draft.about, complaint_id=draft.complaint_id, work_order_id=draft.work_order_id,
        subject=draft.subject.strip(), details=draft.details.strip(), raised_by=actor, answer_due=due,
    )  # fmt: skip
    event = _record(item, actor, Actor.COMMITTEE, "raise", "", Status.OPEN, note="", request=request)
    _tell(item, event, [Role.MANAGER], "company", _RAISED)
    return item


# --- the transitions ---------------------------------------------------------------------------------------

_REFUSALS = {
    "unknown_action": gettext_lazy("Unknown action."),
    "wrong_status": gettext_lazy("This item is “%(status)s”; that step is not possible now."),
    "wrong_actor": gettext_lazy("You may not take that step on this item."),
}


def actor_roles(user, item: SupervisionItem) -> set[str]:
    """How `user` relates to the item's estate (None is the system)."""
    if user is None:
        return {Actor.SYSTEM}
    roles = set()
    if access.can(user, "committee.manage", item.estate_id):
        roles.add(Actor.COMMITTEE)
    if access.can(user, "committee.answer", item.estate_id):
        roles.add(Actor.MANAGER)
    return roles


def _check(item, action, roles):
    try:
        return transition(status=item.status, action=action, actors=roles)
    except TransitionError as exc:
        message = _REFUSALS[exc.reason] % {"status": STATUS_LABELS[item.status]}
        raise (NotPermitted(message) if exc.reason == "wrong_actor" else InvalidTransition(message)) from exc


@transaction.atomic
def _act(*, item_id, action, actor, note="", effect=None, request=None) -> SupervisionItem:
    """Run one step: lock, check, apply `effect(item, now)`, save, record."""
    item = SupervisionItem.objects.select_for_update(of=("self",)).select_related("estate").get(pk=item_id)
    roles = actor_roles(actor, item)
    move = _check(item, action, roles)
    if move.note_required and not note.strip():
        raise ValidationError({"note": [_("Write the text (it is required for this step).")]})
    if len(note) > TEXT_MAX:
        raise ValidationError({"note": [_("Keep it under 4,000 characters.")]})
    now, source = timezone.now(), item.status
    if effect is not None:
        effect(item, now)
    item.status = move.target or item.status
    item.save()
    by = Actor.MANAGER if action == "answer" else Actor.COMMITTEE
    item.last_event = _record(item, actor, by, action, source, item.status, note=note, request=request)
    return item


def _record(item, actor, by, action, source, target, *, note, request=None, data=None) -> SupervisionEvent:
    event = SupervisionEvent.objects.create(item=item, actor=actor, by=by, action=action, from_status=source,
                                            to_status=target, note=note.strip(), data=data or {})  # fmt: skip
    audit_record(action=f"supervision.{action}", actor=actor, obj=item, estate_id=item.estate_id, request=request)
    return event


def supervision_answer(*, item_id: int, actor, answer: str, request=None) -> SupervisionItem:
    """The company's manager answers an open item; the committee is told."""

    def effect(item, now):
        item.answer, item.answered_at = answer.strip(), now

    item = _act(item_id=item_id, action="answer", actor=actor, note=answer, effect=effect, request=request)
    _tell(item, item.last_event, [Role.COMMITTEE], "committee", _ANSWERED)
    return item


def supervision_close(*, item_id: int, actor, note: str = "", request=None) -> SupervisionItem:
    """The committee is satisfied with the answer and closes the item."""

    def effect(item, now):
        item.closed_at = now

    return _act(item_id=item_id, action="close", actor=actor, note=note, effect=effect, request=request)


def supervision_reopen(*, item_id: int, actor, reason: str, answer_due: date | None = None,
                       request=None) -> SupervisionItem:  # fmt: skip
    """The committee is not satisfied: the item waits for a new answer by a new deadline (default: the estate's
    answer days from now); the managers are told."""

    def effect(item, now):
        errors = {}
        item.answer_due = _deadline(answer_due, item.estate_id, now, errors)
        if errors:
            raise ValidationError(errors)
        item.answered_at = None

    item = _act(item_id=item_id, action="reopen", actor=actor, note=reason, effect=effect, request=request)
    _tell(item, item.last_event, [Role.MANAGER], "company", _REOPENED)
    return item


def supervision_publish(*, item_id: int, actor, request=None) -> SupervisionItem:
    """Show the item and its answer to the estate's residents (once; linked items appear by number only)."""

    def effect(item, now):
        if item.published_at is not None:
            raise InvalidTransition(_("This item is already published."))
        item.published_at = now

    return _act(item_id=item_id, action="publish", actor=actor, effect=effect, request=request)


# --- escalation (the beat sweep) ---------------------------------------------------------------------------


def supervision_escalate_overdue(*, now: datetime, limit: int = 500) -> int:
    """Escalate every open item past its deadline that was not escalated for that deadline yet: an event, an
    audit row, and a message to the estate's managers and committee. Idempotent; rows another run holds are
    skipped (SKIP LOCKED) and picked up next time. Returns how many were escalated."""
    with transaction.atomic():
        items = list(
            SupervisionItem.objects.filter(status=Status.OPEN, answer_due__lte=now)
            .exclude(escalated_due=F("answer_due"))
            .select_related("estate").order_by("answer_due", "pk")
            .select_for_update(of=("self",), skip_locked=True)[:limit]
        )  # fmt: skip
        for item in items:
            _check(item, "escalate", {Actor.SYSTEM})
            item.escalated_due = item.answer_due
            item.save(update_fields=["escalated_due", "updated_at"])
            event = _record(item, None, Actor.SYSTEM, "escalate", item.status, item.status, note="",
                            data={"due": item.answer_due.isoformat()})  # fmt: skip
            _tell(item, event, [Role.MANAGER], "company", _OVERDUE)
            _tell(item, event, [Role.COMMITTEE], "committee", _OVERDUE)
    return len(items)


# --- notifications -----------------------------------------------------------------------------------------

_RAISED = gettext_lazy("%(estate)s: the owners' committee asks for an answer (supervision #%(id)s)")
_REOPENED = gettext_lazy("%(estate)s: supervision #%(id)s reopened by the owners' committee")
_ANSWERED = gettext_lazy("%(estate)s: the company answered supervision #%(id)s")
_OVERDUE = gettext_lazy("%(estate)s: supervision #%(id)s is overdue")
PAGES = {"company": "staff-committee-supervision-item", "committee": "committee-supervision-item"}


def _tell(item, event, roles, audience: str, subject) -> None:
    """One message per user of the roles in the item's estate, naming the item by number and subject only."""
    link = reverse(PAGES[audience], kwargs={"slug": item.estate.slug, "pk": item.pk})
    users = EstateRole.objects.filter(estate_id=item.estate_id, role__in=roles, user__is_active=True)
    for role in users.select_related("user__person"):
        notify_user(user=role.user, event_key=f"supervision.{item.pk}.{event.pk}.{audience}.{role.user_id}",
                    subject=subject, body=item.subject, link=link,
                    params={"estate": item.estate.name, "id": item.pk})  # fmt: skip
