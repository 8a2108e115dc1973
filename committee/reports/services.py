"""Everything that can happen to a service-quality report: generate (beat or on demand), regenerate before
approval, approve, publish. Each is one transaction: lock, ask reports.workflow, save, audit; generating tells
the estate's committee through the outbox."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotPermitted
from residents import access
from residents.models import Estate, EstateRole, Role
from residents.notify import notify_user

from . import snapshot, workflow
from .figures import SCHEMA_VERSION
from .models import QualityReport


def _require_manage(actor, estate_id: int) -> None:
    if actor is not None and not access.can(actor, "committee.manage", estate_id):
        raise NotPermitted(_("Only members of this estate's owners' committee may do this."))


def report_generate(*, estate_id: int, month: date, actor=None) -> tuple[QualityReport, bool]:
    """Make the estate's report for a month that is over (Celery when `actor` is None), or return the one
    already made, untouched: (report, created). Raises ValidationError, NotPermitted."""
    _require_manage(actor, estate_id)
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1):
        raise ValidationError({"month": [_("Reports are made only for a month that is over.")]})
    existing = QualityReport.objects.filter(estate_id=estate_id, month=month).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _create(estate_id, month, actor), True
    except IntegrityError:  # a concurrent run made it first: the constraint keeps one per estate and month
        return QualityReport.objects.get(estate_id=estate_id, month=month), False


def _create(estate_id: int, month: date, actor) -> QualityReport:
    report = QualityReport.objects.create(
        estate_id=estate_id, month=month, schema_version=SCHEMA_VERSION,
        figures=snapshot.build(estate_id=estate_id, month=month), generated_at=timezone.now(), generated_by=actor,
    )  # fmt: skip
    audit_record(action="quality_report.generate", actor=actor, obj=report, estate_id=estate_id)
    _tell_committee(report)
    return report


def reports_generate_all(*, month: date) -> int:
    """Make the month's report in every estate that has none yet (beat); the number made."""
    ids = Estate.objects.order_by("pk").values_list("pk", flat=True)
    return sum(report_generate(estate_id=pk, month=month)[1] for pk in ids)


_REFUSED = gettext_lazy("This report is “%(status)s”; that is not possible now.")


@transaction.atomic
def _act(*, report_id: int, action: str, actor, expected_version=None, effect=None) -> QualityReport:
    report = QualityReport.objects.select_for_update().select_related("estate").get(pk=report_id)
    _require_manage(actor, report.estate_id)
    if expected_version is not None and report.version != expected_version:
        raise Conflict(_("Someone else changed this report a moment ago. Reload it and try again."))
    try:
        move = workflow.transition(status=report.status, action=action)
    except workflow.TransitionError as exc:
        raise InvalidTransition(_REFUSED % {"status": report.get_status_display()}) from exc
    if effect is not None:
        effect(report, timezone.now())
    report.status, report.version = move.target, report.version + 1
    report.save()
    audit_record(action=f"quality_report.{action}", actor=actor, obj=report, estate_id=report.estate_id)
    return report


def report_regenerate(*, report_id: int, actor, expected_version=None) -> QualityReport:
    """Work the figures out again from the data as it is now; only before approval (else InvalidTransition)."""

    def effect(report, now):
        report.figures = snapshot.build(estate_id=report.estate_id, month=report.month)
        report.schema_version, report.generated_at, report.generated_by = SCHEMA_VERSION, now, actor
        _tell_committee(report, regenerated=True, version=report.version + 1)  # _act bumps it after this

    return _act(report_id=report_id, action="regenerate", actor=actor, expected_version=expected_version,
                effect=effect)  # fmt: skip


def report_approve(*, report_id: int, actor, expected_version=None) -> QualityReport:
    """The committee approves the figures: they can no longer be regenerated."""

    def effect(report, now):
        report.approved_at, report.approved_by = now, actor

    return _act(report_id=report_id, action="approve", actor=actor, expected_version=expected_version,
                effect=effect)  # fmt: skip


def report_publish(*, report_id: int, actor, expected_version=None) -> QualityReport:
    """Show an approved report to the estate's residents (/me/committee/<estate>/reports/)."""

    def effect(report, now):
        report.published_at = now

    return _act(report_id=report_id, action="publish", actor=actor, expected_version=expected_version,
                effect=effect)  # fmt: skip


_GENERATED = gettext_lazy("Service-quality report for %(month)s is ready for your approval")
_REGENERATED = gettext_lazy("Service-quality report for %(month)s was regenerated")
_BODY = gettext_lazy("Check the figures and approve the report; residents see it once it is published.")


def _tell_committee(report: QualityReport, *, regenerated: bool = False, version: int = 1) -> None:
    """Each committee member of the estate, through the outbox (delivered after commit)."""
    members = EstateRole.objects.filter(estate_id=report.estate_id, role=Role.COMMITTEE).select_related("user")
    link = f"/committee/{report.estate.slug}/reports/{report.pk}/"
    for grant in members:
        notify_user(user=grant.user, event_key=f"quality-report.{report.pk}.generated.{version}",
                    subject=_REGENERATED if regenerated else _GENERATED, body=_BODY, link=link,
                    params={"month": f"{report.month:%Y-%m}"})  # fmt: skip
