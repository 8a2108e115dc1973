"""Reads for service-quality reports: an estate's reports for its committee, and the published ones for the
estate's residents. Out-of-scope estates and reports are simply absent (the views answer 404)."""

from residents import access
from residents.models import Estate

from .models import QualityReport
from .workflow import Status


def committee_estates(*, user, capability: str = "committee.view"):
    """Estates whose committee the user sits on (every estate for an admin)."""
    return access.scope_by_estate(Estate.objects.all(), user, capability, field="id")


def reports_for_committee(*, user, estate):
    """The estate's reports, newest month first, if the user sits on its committee (one query)."""
    reports = QualityReport.objects.filter(estate=estate).select_related("estate")
    return reports if access.can(user, "committee.view", estate.pk) else reports.none()


def resident_estates(*, user):
    """Estates the user currently owns or lives in a unit of."""
    return Estate.objects.filter(units__in=access.resident_unit_ids(user)).distinct()


def reports_published(*, estate):
    """The estate's published reports, newest month first."""
    return QualityReport.objects.filter(estate=estate, status=Status.PUBLISHED).select_related("estate")
