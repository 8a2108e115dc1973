"""Everything staff do to an incident (declare, update, end) and its notices to residents.

Each change is one transaction that writes its audit row; the notices fan out to the homes affected in a
Celery task after commit (`incident_announce`), at most once per (incident, event, recipient and channel).
An update is announced only when it changes what residents see (RESIDENT_VISIBLE).
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from residents import access
from residents.models import Building, CommonArea, Estate, Trade
from residents.notify import notify_user

from ..models import Incident, Priority, WorkOrder
from ..workflow import Status
from . import selectors

log = logging.getLogger(__name__)

DECLARED, UPDATED, ENDED = "declared", "updated", "ended"
EVENTS = (DECLARED, UPDATED, ENDED)
# Which field records that an event's notice is queued: set in the fan-out's own transaction.
MARKERS = {DECLARED: "announced_at", ENDED: "end_announced_at"}
# What the residents' notice and home-page panel show; a change elsewhere (the fix's work order, the priority
# used for reports that join) is staff business and sends nothing.
RESIDENT_VISIBLE = frozenset({"title", "description", "kind", "expected_end"})
NOT_A_MASTER = (Status.MERGED, Status.JOINED, Status.CANCELLED, Status.REJECTED)


@dataclass(frozen=True)
class IncidentScope:
    """Where the outage is and which reports it gathers: fixed once declared, since its notice went to those
    homes. `estate` is a slug; `trade` a trade key (empty: reports of any trade join)."""

    estate: str
    building_ids: tuple[int, ...] = ()
    common_area_ids: tuple[int, ...] = ()
    trade: str = ""
    started_at: datetime | None = None  # empty: now; a later time announces a planned outage ahead


@dataclass(frozen=True)
class IncidentDetails:
    """What staff tell residents about the outage; they may change it while the outage is open."""

    title: str
    description: str = ""
    kind: str = Incident.Kind.OTHER
    priority: str = Priority.URGENT
    expected_end: datetime | None = None
    master_order_id: int | None = None  # the work order for the actual fix


# --- checks ----------------------------------------------------------------------------------------------


def _estate(actor, slug: str) -> Estate:
    estates = access.scope_by_estate(Estate.objects.all(), actor, "repairs.dispatch", field="id")
    estate = estates.filter(slug=slug).first()
    if estate is None:
        raise ValidationError({"estate": [_("Choose an estate where you dispatch or manage repairs.")]})
    return estate


def _ids(ids) -> str:
    return ", ".join(f"#{pk}" for pk in sorted(ids))


def _scope_errors(scope: IncidentScope, estate: Estate) -> tuple[dict, list, list, Trade | None]:
    """(errors, buildings, common areas, trade): every building and area must belong to the estate."""
    errors = {}
    buildings = list(Building.objects.filter(pk__in=scope.building_ids, estate=estate))
    areas = list(CommonArea.objects.filter(pk__in=scope.common_area_ids, estate=estate))
    if stray := set(scope.building_ids) - {b.pk for b in buildings}:
        message = _("These buildings are not part of %(estate)s: %(ids)s.")
        errors["building_ids"] = [message % {"estate": estate.name, "ids": _ids(stray)}]
    if stray := set(scope.common_area_ids) - {a.pk for a in areas}:
        message = _("These common areas are not part of %(estate)s: %(ids)s.")
        errors["common_area_ids"] = [message % {"estate": estate.name, "ids": _ids(stray)}]
    if not scope.building_ids and not scope.common_area_ids:
        errors["building_ids"] = [_("Choose at least one building or common area the outage covers.")]
    trade = Trade.objects.filter(key=scope.trade).first() if scope.trade else None
    if scope.trade and trade is None:
        errors["trade"] = [_("Choose the kind of repair, or leave it empty for any kind.")]
    return errors, buildings, areas, trade


def _details_errors(details: IncidentDetails, incident: Incident) -> dict:
    """Errors in what staff say; a work order already linked stays acceptable whatever became of it."""
    errors = {}
    if not details.title.strip() or len(details.title) > 120:
        errors["title"] = [_("Give the outage a short title (at most 120 characters) residents will recognise.")]
    if len(details.description) > 2000:
        errors["description"] = [_("Keep the description under 2,000 characters.")]
    if details.kind not in Incident.Kind.values:
        errors["kind"] = [_("Choose the kind of outage.")]
    if details.priority not in Priority.values:
        errors["priority"] = [_("Choose emergency, urgent or routine.")]
    if details.expected_end is not None and details.expected_end <= incident.started_at:
        errors["expected_end"] = [_("The expected end must come after the start.")]
    master = details.master_order_id
    if master not in (None, incident.master_order_id) and not (
        WorkOrder.objects.filter(pk=master, estate_id=incident.estate_id).exclude(status__in=NOT_A_MASTER).exists()
    ):
        errors["master_order_id"] = [_("Choose a live work order of the same estate.")]
    return errors


def _detail_fields(details: IncidentDetails) -> dict:
    return {
        "title": details.title.strip(), "description": details.description.strip(), "kind": details.kind,
        "priority": details.priority, "expected_end": details.expected_end,
        "master_order_id": details.master_order_id,
    }  # fmt: skip


def _locked(incident_id: int, actor) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    if not access.can(actor, "repairs.dispatch", incident.estate_id):
        raise NotPermitted(_("Only the estate's dispatchers and managers may change this outage."))
    return incident


# --- the changes -----------------------------------------------------------------------------------------


@transaction.atomic
def incident_declare(*, actor, scope: IncidentScope, details: IncidentDetails, request=None) -> Incident:
    """Declare an outage over buildings and/or common areas of one estate; the residents affected are told
    after commit. Raises ValidationError naming every field out of place (another estate's building, …),
    saving nothing."""
    estate = _estate(actor, scope.estate)
    incident = Incident(estate=estate, started_at=scope.started_at or timezone.now(), created_by=actor)
    errors, buildings, areas, incident.trade = _scope_errors(scope, estate)
    errors.update(_details_errors(details, incident))
    if errors:
        raise ValidationError(errors)
    for name, value in _detail_fields(details).items():
        setattr(incident, name, value)
    incident.save()
    incident.buildings.set(buildings)
    incident.common_areas.set(areas)
    audit_record(action="incident.declare", actor=actor, obj=incident, estate_id=estate.pk, request=request,
                 buildings=sorted(b.pk for b in buildings), common_areas=sorted(a.pk for a in areas))  # fmt: skip
    _announce_after_commit(incident.pk, DECLARED)
    return incident


@transaction.atomic
def incident_update(*, incident_id: int, actor, details: IncidentDetails, request=None) -> Incident:
    """Change what residents are told (title, description, kind, priority, expected end) or the work order for
    the fix. Raises InvalidTransition once the outage has ended, ValidationError for bad values."""
    incident = _locked(incident_id, actor)
    if not incident.is_open:
        raise InvalidTransition(_("This outage has ended; it can no longer be changed."))
    if errors := _details_errors(details, incident):
        raise ValidationError(errors)
    changed = sorted(name for name, value in _detail_fields(details).items() if getattr(incident, name) != value)
    for name, value in _detail_fields(details).items():
        setattr(incident, name, value)
    told = bool(RESIDENT_VISIBLE.intersection(changed))
    if told:
        incident.notice_updates += 1
    incident.save()
    audit_record(action="incident.update", actor=actor, obj=incident, estate_id=incident.estate_id,
                 request=request, changed=changed)  # fmt: skip
    if told:
        _announce_after_commit(incident.pk, UPDATED)
    return incident


@transaction.atomic
def incident_end(*, incident_id: int, actor, resolution_note: str, request=None) -> Incident:
    """End the outage with a note residents read; they (and everyone whose report joined it) are told after
    commit. A planned outage called off before its start ends now. Raises InvalidTransition if already ended."""
    incident = _locked(incident_id, actor)
    if not incident.is_open:
        raise InvalidTransition(_("This outage has already ended."))
    if not resolution_note.strip():
        raise ValidationError({"resolution_note": [_("Say what was done: residents read this note.")]})
    now = timezone.now()
    incident.ended_at, incident.started_at = now, min(incident.started_at, now)
    incident.resolution_note = resolution_note.strip()[:2000]
    incident.save()
    audit_record(action="incident.end", actor=actor, obj=incident, estate_id=incident.estate_id, request=request)
    _announce_after_commit(incident.pk, ENDED)
    return incident


# --- notices to residents --------------------------------------------------------------------------------

_SUBJECTS = {
    DECLARED: gettext_lazy("Outage: %(title)s"),
    UPDATED: gettext_lazy("Outage update: %(title)s"),
    ENDED: gettext_lazy("Outage over: %(title)s"),
}
_EXPECTED = gettext_lazy("Expected back by {when}.")


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _body(incident: Incident, event: str):
    """Rendered in each recipient's language by notify_user (format_lazy stays lazy until then)."""
    if event == ENDED:
        return incident.resolution_note
    if incident.expected_end is None:
        return incident.description
    return format_lazy("{}\n{}", incident.description, format_lazy(_EXPECTED, when=_local(incident.expected_end)))


def _recipients(incident: Incident, event: str) -> dict:
    """user → link: the residents of the homes affected (to their home page); at the end also the reporters
    whose reports joined it (to their request)."""
    home = reverse("resident-dashboard")
    recipients = dict.fromkeys(selectors.affected_residents(incident=incident), home)
    if event == ENDED:
        for order in selectors.joined_reports(incident=incident).filter(reporter__isnull=False):
            recipients[order.reporter.user] = reverse("repairs-detail", args=[order.pk])
    return recipients


def incident_announce(*, incident_id: int, event: str, chunk: int = 500) -> int:
    """Tell everyone concerned that the incident was declared, updated or has ended, on each of their channels;
    returns how many people were told. Safe to retry or to run twice at once: the outbox's unique (event,
    channel, recipient) key makes a second send of the same notice a no-op, and the marker stops later runs early.

    No lock is held across the fan-out, and each chunk of recipients is its own short transaction: a notice to a
    whole estate must not hold up the residents filing reports that join the outage meanwhile."""
    incident = Incident.objects.get(pk=incident_id)
    if event == UPDATED:
        return _announce_update(incident, chunk)
    marker = MARKERS[event]
    if getattr(incident, marker) is not None or (event == ENDED and incident.is_open):
        return 0
    # an outage that ended before its declaration went out is announced once, by its end
    recipients = list((_recipients(incident, event) if event == ENDED or incident.is_open else {}).items())
    _fan_out(incident, recipients, event_key=f"incident.{incident.pk}.{event}", event=event, chunk=chunk)
    marked = {marker: timezone.now()}
    if event == DECLARED:  # the declaration carried the latest text: the updates made so far need no notice
        marked["notice_updates_announced"] = Greatest(F("notice_updates_announced"), Value(incident.notice_updates))
    Incident.objects.filter(pk=incident.pk, **{f"{marker}__isnull": True}).update(**marked)
    return len(recipients)


def _announce_update(incident: Incident, chunk: int) -> int:
    """The latest change residents see, once per update number (a burst of edits may send only the last).
    Before the declaration went out it waits (the declaration may carry it; if not, the relay sends it); after
    the end it is dropped, the end's notice saying more."""
    number = incident.notice_updates
    if number <= incident.notice_updates_announced or incident.announced_at is None:
        return 0
    recipients = list(_recipients(incident, UPDATED).items()) if incident.is_open else []
    _fan_out(incident, recipients, event_key=f"incident.{incident.pk}.updated.{number}", event=UPDATED, chunk=chunk)
    Incident.objects.filter(pk=incident.pk, notice_updates_announced__lt=number).update(notice_updates_announced=number)
    return len(recipients)


def _fan_out(incident: Incident, recipients: list, *, event_key: str, event: str, chunk: int) -> None:
    subject, body = _SUBJECTS[event], _body(incident, event)
    for start in range(0, len(recipients), chunk):
        with transaction.atomic():
            for user, link in recipients[start : start + chunk]:
                notify_user(user=user, event_key=event_key, subject=subject, body=body, link=link,
                            params={"title": incident.title})  # fmt: skip


def incidents_to_announce(*, older_than: datetime) -> list[tuple[int, str]]:
    """(incident id, event) pairs whose notice should have gone out by now but has not (a lost publish)."""
    declared = Incident.objects.filter(announced_at__isnull=True, created_at__lte=older_than)
    updated = Incident.objects.filter(notice_updates__gt=F("notice_updates_announced"), announced_at__isnull=False,
                                      updated_at__lte=older_than)  # fmt: skip
    ended = Incident.objects.filter(end_announced_at__isnull=True, ended_at__lte=older_than)
    return [
        *((pk, DECLARED) for pk in declared.values_list("pk", flat=True)),
        *((pk, UPDATED) for pk in updated.values_list("pk", flat=True)),
        *((pk, ENDED) for pk in ended.values_list("pk", flat=True)),
    ]


def _announce_after_commit(incident_id: int, event: str) -> None:
    transaction.on_commit(lambda: _publish(incident_id, event))


def _publish(incident_id: int, event: str) -> None:
    from ..tasks import announce_incident

    try:
        announce_incident.delay(incident_id, event)
    except Exception:  # broker down: repairs.tasks.relay_incident_announcements picks it up later
        log.warning("incidents: publish of %s/%s failed; the relay will retry", incident_id, event, exc_info=True)
