"""Disclosures written and published through the services, for the tests."""

from datetime import date

from committee.disclosures import services
from tests.committee.files_helpers import PDF


def entry_input(kind="revenue", **changes) -> services.DisclosureInput:
    values = {"kind": kind, "title": "2026年第一季度公共收益", "period_start": date(2026, 1, 1),
              "period_end": date(2026, 3, 31), "body": "电梯广告收入 12,000 元，价格举报电话 12358。"}  # fmt: skip
    return services.DisclosureInput(**{**values, **changes})


def published(manager, estate, *, attach=True, **changes):
    """A published entry of the estate (with a PDF attached unless attach=False)."""
    entry = services.disclosure_draft_create(actor=manager, estate_id=estate.pk, data=entry_input(**changes))
    if attach:
        services.disclosure_attach(actor=manager, disclosure_id=entry.pk, name="收支表.pdf", data=PDF)
    return services.disclosure_publish(actor=manager, disclosure_id=entry.pk)
