"""Writes for spot checks: draw a month's sample (once per estate and month), record a verdict (once per order);
a "not fixed" verdict reopens the order through repairs.services."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from repairs.models import WorkOrder
from repairs.services import work_order_reopen_on_spot_check
from repairs.workflow import OPEN_STATUSES
from residents import access
from residents.models import Estate

from ..selectors import rules_for
from . import draw as sampling
from .models import Method, SpotCheck, SpotCheckDraw, Verdict
from .selectors import candidates


def _require_manage(actor, estate_id: int) -> None:
    if actor is not None and not access.can(actor, "committee.manage", estate_id):
        raise NotPermitted(_("Only members of this estate's owners' committee may do this."))


def spot_check_draw(*, estate_id: int, month: date, actor=None) -> tuple[SpotCheckDraw, bool]:
    """Draw the month's sample for the estate (Celery when `actor` is None), or return the draw already made:
    (draw, created). Raises ValidationError for a month not yet over, NotPermitted for a non-member."""
    _require_manage(actor, estate_id)
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1):
        raise ValidationError({"month": [_("Draw only from a month that is over.")]})
    existing = SpotCheckDraw.objects.filter(estate_id=estate_id, month=month).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _draw(estate_id, month, actor), True
    except IntegrityError:  # a concurrent draw of the same estate and month won: the constraint keeps one
        return SpotCheckDraw.objects.get(estate_id=estate_id, month=month), False


def _draw(estate_id: int, month: date, actor) -> SpotCheckDraw:
    population = candidates(estate_id=estate_id, month=month)
    size = rules_for(estate_id=estate_id).spot_check_size
    made = SpotCheckDraw.objects.create(estate_id=estate_id, month=month, size=size, seed=sampling.new_seed(),
                                        population=population, drawn_by=actor)  # fmt: skip
    drawn = sampling.sample(seed=made.seed, population=population, size=size)
    SpotCheck.objects.bulk_create(
        SpotCheck(draw=made, work_order_id=order_id, position=i) for i, order_id in enumerate(drawn, start=1)
    )
    audit_record(action="spot_check.draw", actor=actor, obj=made, estate_id=estate_id, month=f"{month:%Y-%m}",
                 drawn=len(drawn), candidates=len(population))  # fmt: skip
    return made


def spot_checks_draw_all(*, month: date) -> int:
    """Draw the month's sample in every estate that has none yet (beat); the number of new draws."""
    ids = Estate.objects.order_by("pk").values_list("pk", flat=True)
    return sum(spot_check_draw(estate_id=pk, month=month)[1] for pk in ids)


_FINDING = "%(intro)s (%(method)s): %(notes)s"


@transaction.atomic
def spot_check_record(*, check_id: int, actor, verdict: str, method: str, notes: str = "") -> SpotCheck:
    """Record what the committee found on one drawn order, once. "Not fixed" needs notes and reopens the order
    (unless it is already back in work). Raises ValidationError, NotPermitted or InvalidTransition (recorded)."""
    check = SpotCheck.objects.select_for_update().select_related("draw").get(pk=check_id)
    _require_manage(actor, check.draw.estate_id)
    if check.is_checked:
        raise InvalidTransition(_("A verdict is already recorded for this order."))
    _validate(verdict, method, notes)
    check.verdict, check.method, check.notes = verdict, method, notes.strip()
    check.checked_by, check.checked_at = actor, timezone.now()
    check.save()
    audit_record(action="spot_check.verdict", actor=actor, obj=check, estate_id=check.draw.estate_id,
                 verdict=verdict, work_order=check.work_order_id)  # fmt: skip
    if verdict == Verdict.NOT_FIXED and _finished(check.work_order_id):
        finding = _FINDING % {"intro": _("The owners' committee's spot check found this not fixed"),
                              "method": Method(method).label, "notes": check.notes}  # fmt: skip
        work_order_reopen_on_spot_check(order_id=check.work_order_id, actor=actor, finding=finding)
    return check


def _finished(order_id: int) -> bool:
    """False when the order is already back in work (reopened by its household meanwhile): nothing to reopen."""
    return WorkOrder.objects.filter(pk=order_id).exclude(status__in=OPEN_STATUSES).exists()


def _validate(verdict: str, method: str, notes: str) -> None:
    errors = {}
    if verdict not in Verdict.values:
        errors["verdict"] = [_("Choose fixed well, fixed poorly or not fixed.")]
    if method not in Method.values:
        errors["method"] = [_("Say how it was checked: by phone or by a visit.")]
    if verdict == Verdict.NOT_FIXED and not notes.strip():
        errors["notes"] = [_("Say what is still wrong: the order is reopened with these notes.")]
    if len(notes) > 2000:
        errors["notes"] = [_("Keep the notes under 2,000 characters.")]
    if errors:
        raise ValidationError(errors)
