"""Everything that can happen to a complaint, suggestion or praise. Each public function is one transaction:
lock the row, ask the state table, save, write the event and the audit row, queue notifications (outbox).

Anonymity: with `anonymous_to_staff`, nothing a handler receives names the submitter: audit rows of the
resident's own steps carry no actor, events record the role acted in, and notifications carry only the title.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotPermitted
from feedback.dimensions import TEN_KEYS
from repairs.selectors import orders_for_resident
from residents import access
from residents.models import EstateRole, Person, Role, Unit
from residents.notify import notify_user

from . import deadlines
from .models import Addressee, Complaint, ComplaintDimension, ComplaintEvent, Kind
from .workflow import (
    OPEN_STATUSES,
    STATUS_LABELS,
    Actor,
    Route,
    Status,
    TransitionError,
    track_of,
    transition,
)


@dataclass(frozen=True)
class Submission:
    """What a resident files. `estate` is a slug; `unit_id` (optional) must be one of their homes there."""

    kind: str
    title: str
    body: str
    estate: str = ""
    unit_id: int | None = None
    addressee: str = Addressee.COMPANY
    dimensions: tuple[str, ...] = ()
    work_order_id: int | None = None
    staff_member_id: int | None = None
    anonymous_to_staff: bool = False


# --- filing ------------------------------------------------------------------------------------------------


def _digest(submission: Submission) -> str:
    """Identical means the same words, whatever the spacing and letter case."""
    text = " ".join(f"{submission.title}\n{submission.body}".split()).casefold()
    return hashlib.sha256(text.encode()).hexdigest()


def _estate_and_unit(actor, submission: Submission, errors: dict):
    homes = Unit.objects.filter(pk__in=access.resident_unit_ids(actor)).select_related("estate")
    if submission.unit_id is not None:
        unit = next((u for u in homes if u.pk == submission.unit_id), None)
        if unit is None or (submission.estate and unit.estate.slug != submission.estate):
            errors["unit_id"] = [_("Choose one of your own homes in that estate, or leave the unit empty.")]
            return None, None
        return unit.estate, unit
    estate = next((u.estate for u in homes if u.estate.slug == submission.estate), None)
    if estate is None:
        errors["estate"] = [_("Choose an estate where you own or live in a home.")]
    return estate, None


def _text_errors(submission: Submission, errors: dict) -> None:
    if submission.kind not in Kind.values:
        errors["kind"] = [_("Choose complaint, suggestion or praise.")]
    if submission.addressee not in Addressee.values:
        errors["addressee"] = [_("Choose the property company or the owners' committee.")]
    if not submission.title.strip() or len(submission.title) > 120:
        errors["title"] = [_("Give it a short title (at most 120 characters).")]
    if not submission.body.strip() or len(submission.body) > 4000:
        errors["body"] = [_("Say what happened (at most 4,000 characters).")]
    unknown = sorted(set(submission.dimensions) - set(TEN_KEYS))
    if unknown:
        errors["dimensions"] = [_("Unknown service-quality dimension: %(keys)s.") % {"keys": ", ".join(unknown)}]
    elif submission.kind == Kind.COMPLAINT and not submission.dimensions:
        errors["dimensions"] = [_("Tag the complaint with at least one aspect of the service.")]


def _link_errors(actor, submission: Submission, estate, errors: dict) -> None:
    if submission.work_order_id is not None:
        mine = orders_for_resident(user=actor).filter(pk=submission.work_order_id, estate=estate).exists()
        if estate is not None and not mine:
            errors["work_order_id"] = [_("Choose one of your own repair requests in this estate.")]
        elif submission.anonymous_to_staff:
            errors["work_order_id"] = [_("An anonymous item cannot point at your repair request: the request "
                                         "shows who you are.")]  # fmt: skip
    if submission.staff_member_id is not None:
        serves = EstateRole.objects.filter(
            user_id=submission.staff_member_id, estate=estate, role__in=access.STAFF_ROLES, user__is_active=True
        )
        if estate is not None and not serves.exists():
            errors["staff_member_id"] = [_("Choose a staff member who works in this estate.")]
        elif submission.addressee == Addressee.COMMITTEE:
            errors["staff_member_id"] = [_("A complaint about one staff member goes to the company; the committee "
                                           "takes complaints about the company itself.")]  # fmt: skip


def _abuse_errors(person: Person, submission: Submission, estate, now, errors: dict) -> None:
    rules = deadlines.complaint_settings(estate.pk)
    recent = Complaint.objects.filter(submitter=person, created_at__gte=now - timedelta(hours=24)).count()
    if recent >= rules.daily_cap:
        errors["__all__"] = [_("You have filed %(count)s items in the last 24 hours, the most allowed. Please try "
                               "again tomorrow.") % {"count": recent}]  # fmt: skip
    window = now - timedelta(hours=rules.duplicate_window_hours)
    twin = Complaint.objects.filter(
        submitter=person, body_digest=_digest(submission), status__in=OPEN_STATUSES, created_at__gte=window
    ).first()
    if twin is not None:
        errors["body"] = [_("You already filed the same text as #%(id)s, which is still open.") % {"id": twin.pk}]


_NEW = gettext_lazy("New %(kind)s #%(id)s in %(estate)s")


@transaction.atomic
def complaint_submit(*, actor, submission: Submission, request=None) -> Complaint:
    """File a complaint, suggestion or praise and start its clock; tell whoever handles it (the company, or the
    committee when addressed to it). Raises ValidationError naming every bad field, saving nothing."""
    person = Person.objects.select_for_update().filter(user=actor).first()  # one filing at a time per person
    if person is None:
        raise NotPermitted(_("Only residents may file complaints, suggestions or praise."))
    errors, now = {}, timezone.now()
    _text_errors(submission, errors)
    estate, unit = _estate_and_unit(actor, submission, errors)
    _link_errors(actor, submission, estate, errors)
    if estate is not None and "body" not in errors:
        _abuse_errors(person, submission, estate, now, errors)
    if errors:
        raise ValidationError(errors)
    complaint = Complaint(
        estate=estate, unit=unit, submitter=person, anonymous_to_staff=submission.anonymous_to_staff,
        kind=submission.kind, addressee=submission.addressee, route=submission.addressee,
        title=submission.title.strip(), body=submission.body.strip(), body_digest=_digest(submission),
        work_order_id=submission.work_order_id, staff_member_id=submission.staff_member_id,
        committee_since=now if submission.addressee == Addressee.COMMITTEE else None,
    )  # fmt: skip
    deadlines.start_clock(complaint, now, deadlines.complaint_settings(estate.pk))
    complaint.save()
    ComplaintDimension.objects.bulk_create(
        ComplaintDimension(complaint=complaint, dimension=key) for key in dict.fromkeys(submission.dimensions)
    )
    _record(complaint, actor, Actor.RESIDENT, "submit", "", complaint.status, note="", request=request)
    params = {"kind": Kind(complaint.kind).label, "id": complaint.pk, "estate": estate.name}
    _tell_handlers(complaint, f"complaint.{complaint.pk}.new", _NEW, params)
    return complaint


# --- who is acting ---------------------------------------------------------------------------------------


def actor_roles(user, complaint: Complaint) -> set[str]:
    """How `user` relates to `complaint` (None is the system)."""
    if user is None:
        return {Actor.SYSTEM}
    roles, estate = set(), complaint.estate_id
    if complaint.submitter.user_id == user.pk:
        roles.add(Actor.RESIDENT)
    committee = access.can(user, "complaints.committee", estate)
    if complaint.route == Route.COMPANY:
        if access.can(user, "complaints.handle", estate):
            roles.add(Actor.HANDLER)
        if access.can(user, "complaints.escalated", estate):
            roles.add(Actor.MANAGER)
    elif committee:
        roles.add(Actor.HANDLER)
    if committee and complaint.committee_since is not None:
        roles.add(Actor.COMMITTEE)
    return roles


def _acting_as(roles: set[str], move, route: str) -> str:
    """The role recorded on the event: the first of the move's actors the user holds, most specific first; the
    handler on the committee's route is the committee."""
    order = (Actor.RESIDENT, Actor.MANAGER, Actor.COMMITTEE, Actor.HANDLER, Actor.SYSTEM)
    role = next(role for role in order if role in roles and role in move.actors)
    return Actor.COMMITTEE if role == Actor.HANDLER and route == Route.COMMITTEE else role


# --- the transitions -------------------------------------------------------------------------------------

_REFUSALS = {
    "unknown_action": gettext_lazy("Unknown action."),
    "wrong_status": gettext_lazy("This item is “%(status)s”; that action is not possible now."),
    "wrong_actor": gettext_lazy("You may not take that action on this item."),
}


def _locked(complaint_id: int, expected_version: int | None) -> Complaint:
    complaint = Complaint.objects.select_for_update(of=("self",)).select_related("submitter", "estate")
    complaint = complaint.get(pk=complaint_id)
    if expected_version is not None and complaint.version != expected_version:
        raise Conflict(_("Someone else changed this item a moment ago. Reload it and try again."))
    return complaint


@transaction.atomic
def _act(*, complaint_id, action, actor, note="", expected_version=None, effect=None, request=None) -> Complaint:
    """Run one step: lock, check, apply `effect(complaint, now)`, save, record, notify."""
    complaint = _locked(complaint_id, expected_version)
    roles = actor_roles(actor, complaint)
    try:
        move = transition(status=complaint.status, action=action, actors=roles, route=complaint.route,
                          track=track_of(complaint.kind))  # fmt: skip
    except TransitionError as exc:
        message = _REFUSALS[exc.reason] % {"status": STATUS_LABELS[complaint.status]}
        raise (NotPermitted(message) if exc.reason == "wrong_actor" else InvalidTransition(message)) from exc
    if move.note_required and not note.strip():
        raise ValidationError({"note": [_("Write the text (it is required for this step).")]})
    if len(note) > 4000:
        raise ValidationError({"note": [_("Keep it under 4,000 characters.")]})
    now, source, by = timezone.now(), complaint.status, _acting_as(roles, move, complaint.route)
    if effect is not None:
        effect(complaint, now)
    complaint.status = move.target or complaint.status
    if complaint.status in (Status.CLOSED, Status.WITHDRAWN):
        complaint.closed_at = now
    complaint.version += 1
    complaint.save()
    event = _record(complaint, actor, by, action, source, complaint.status, note=note,
                    request=request)  # fmt: skip
    if event.by != Actor.RESIDENT:
        _tell_resident(complaint, event)
    _tell_next_handlers(complaint, source, event)
    return complaint


def _record(complaint, actor, by, action, source, target, *, note, request=None, internal=False) -> ComplaintEvent:
    """Append the item's event and the audit row; the resident's own steps on an anonymous item name no actor."""
    hidden = by == Actor.RESIDENT and complaint.anonymous_to_staff
    event = ComplaintEvent.objects.create(
        complaint=complaint, actor=None if hidden else actor, by=by, action=action, from_status=source,
        to_status=target, note=note.strip(),
        visibility=ComplaintEvent.Visibility.INTERNAL if internal else ComplaintEvent.Visibility.PUBLIC,
    )  # fmt: skip
    audit_record(action=f"complaint.{action}", actor=None if hidden else actor, obj=complaint,
                 estate_id=complaint.estate_id, request=None if hidden else request)  # fmt: skip
    return event


# --- notifications ---------------------------------------------------------------------------------------

_YOURS = gettext_lazy("Your %(kind)s #%(id)s: %(status)s")
_REJECTED = gettext_lazy("%(kind)s #%(id)s in %(estate)s: the resident rejected the answer")
_FORWARDED = gettext_lazy("%(kind)s #%(id)s in %(estate)s: forwarded to you by the owners' committee")


def _link(complaint, audience: str) -> str:
    name = {"resident": "complaints-detail", "company": "staff-complaint", "committee": "committee-complaint"}
    return reverse(name[audience], args=[complaint.pk])


def _tell_resident(complaint, event) -> None:
    params = {"kind": Kind(complaint.kind).label, "id": complaint.pk, "status": STATUS_LABELS[complaint.status]}
    notify_user(user=complaint.submitter.user, event_key=f"complaint.{complaint.pk}.event.{event.pk}",
                subject=_YOURS, body=event.note[:500], link=_link(complaint, "resident"), params=params)  # fmt: skip


def role_users(estate_id: int, roles):
    return [r.user for r in EstateRole.objects.filter(estate_id=estate_id, role__in=roles, user__is_active=True)
            .select_related("user__person")]  # fmt: skip


def handlers_of(complaint, *, managers_only: bool = False) -> tuple[list, str]:
    """(users, audience) who handle the item now: the committee on its route, else dispatchers and managers."""
    if complaint.route == Route.COMMITTEE:
        return role_users(complaint.estate_id, [Role.COMMITTEE]), "committee"
    roles = [Role.MANAGER] if managers_only else [Role.DISPATCHER, Role.MANAGER]
    return role_users(complaint.estate_id, roles), "company"


def notify_role_users(users, audience, complaint, key, subject, params) -> None:
    """One message per user naming the item by number and title only, never by who filed it."""
    for user in users:
        notify_user(user=user, event_key=f"{key}.{user.pk}", subject=subject, body=complaint.title[:200],
                    link=_link(complaint, audience), params=params)  # fmt: skip


def _tell_handlers(complaint, key, subject, params, *, managers_only=False) -> None:
    users, audience = handlers_of(complaint, managers_only=managers_only)
    notify_role_users(users, audience, complaint, key, subject, params)


def _tell_next_handlers(complaint, source, event) -> None:
    """Whoever must act next on an escalation, a committee review or a forward is told."""
    params = {"kind": Kind(complaint.kind).label, "id": complaint.pk, "estate": complaint.estate.name}
    key = f"complaint.{complaint.pk}.event.{event.pk}"
    if complaint.status == Status.ESCALATED:
        _tell_handlers(complaint, key, _REJECTED, params, managers_only=True)
    elif complaint.status == Status.COMMITTEE_REVIEW:
        notify_role_users(role_users(complaint.estate_id, [Role.COMMITTEE]), "committee", complaint, key,
                          _REJECTED, params)  # fmt: skip
    elif event.action == "forward":
        _tell_handlers(complaint, key, _FORWARDED, params)


# --- each step -------------------------------------------------------------------------------------------


def complaint_acknowledge(*, complaint_id: int, actor, note: str = "", expected_version=None) -> Complaint:
    """Tell the resident it has been received and is in hand."""
    return _act(complaint_id=complaint_id, action="acknowledge", actor=actor, note=note,
                expected_version=expected_version, effect=_acknowledged)  # fmt: skip


def _acknowledged(complaint, now) -> None:
    complaint.acknowledged_at = complaint.acknowledged_at or now


def complaint_investigate(*, complaint_id: int, actor, note: str = "", expected_version=None) -> Complaint:
    """Mark that someone is looking into it (an optional step between acknowledging and answering)."""
    return _act(complaint_id=complaint_id, action="investigate", actor=actor, note=note,
                expected_version=expected_version)  # fmt: skip


def complaint_answer(*, complaint_id: int, actor, answer: str, expected_version=None) -> Complaint:
    """Answer the resident (publicly); a complaint then waits for them to accept or reject it, praise and
    suggestions close. The first answer's time is what 投诉处理及时率 measures."""

    def effect(complaint, now):
        _acknowledged(complaint, now)
        complaint.answered_at = complaint.answered_at or now
        complaint.last_answered_at = now

    return _act(complaint_id=complaint_id, action="answer", actor=actor, note=answer,
                expected_version=expected_version, effect=effect)  # fmt: skip


def complaint_reply(*, complaint_id: int, actor, text: str) -> Complaint:
    """A public reply from the handlers (the resident reads it in the timeline); the status stays."""
    return _act(complaint_id=complaint_id, action="reply", actor=actor, note=text)


def complaint_accept(*, complaint_id: int, actor, note: str = "", expected_version=None) -> Complaint:
    """The resident accepts the answer: closed."""
    return _act(complaint_id=complaint_id, action="accept", actor=actor, note=note,
                expected_version=expected_version)  # fmt: skip


def complaint_reject(*, complaint_id: int, actor, reason: str, expected_version=None) -> Complaint:
    """The resident rejects the answer, saying why: the first time it goes to the manager, after the manager's
    (or the committee's) answer to the committee."""

    def effect(complaint, now):
        if complaint.status == Status.ANSWERED and complaint.route == Route.COMPANY:
            deadlines.start_manager_clock(complaint, now, deadlines.complaint_settings(complaint.estate_id))
        else:
            complaint.committee_since = complaint.committee_since or now

    return _act(complaint_id=complaint_id, action="reject", actor=actor, note=reason,
                expected_version=expected_version, effect=effect)  # fmt: skip


def complaint_manager_answer(*, complaint_id: int, actor, answer: str, expected_version=None) -> Complaint:
    """The estate's manager answers an escalated complaint."""

    def effect(complaint, now):
        complaint.manager_answered_at = complaint.last_answered_at = now

    return _act(complaint_id=complaint_id, action="manager_answer", actor=actor, note=answer,
                expected_version=expected_version, effect=effect)  # fmt: skip


def complaint_conclude(*, complaint_id: int, actor, conclusion: str, expected_version=None) -> Complaint:
    """The owners' committee closes its review with a conclusion the resident reads."""
    return _act(complaint_id=complaint_id, action="conclude", actor=actor, note=conclusion,
                expected_version=expected_version)  # fmt: skip


def complaint_forward(*, complaint_id: int, actor, note: str, expected_version=None) -> Complaint:
    """The committee hands an item addressed to it to the company, which sees it from now on with a fresh clock;
    the committee keeps following it."""

    def effect(complaint, now):
        complaint.route, complaint.forwarded_at = Route.COMPANY, now
        deadlines.start_clock(complaint, now, deadlines.complaint_settings(complaint.estate_id))

    return _act(complaint_id=complaint_id, action="forward", actor=actor, note=note,
                expected_version=expected_version, effect=effect)  # fmt: skip


def complaint_withdraw(*, complaint_id: int, actor, note: str = "", expected_version=None) -> Complaint:
    """The resident withdraws an open item."""
    return _act(complaint_id=complaint_id, action="withdraw", actor=actor, note=note,
                expected_version=expected_version)  # fmt: skip


def complaint_auto_close(*, complaint_id: int) -> Complaint:
    """Close an answer the resident left without a reply for the estate's auto-close days (the sweep)."""
    return _act(complaint_id=complaint_id, action="auto_close", actor=None)
