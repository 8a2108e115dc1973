"""Slots other feedback features fill on the score dashboard without the scores package importing them.

Complaint volume by dimension: the complaints feature registers
`feedback.complaints.selectors.complaint_counts_by_dimension(estate_ids, since, until) → {dimension: count}`
with `register_complaint_counts` (from FeedbackConfig.ready(), at merge). Until then the panel renders nothing.
"""

_complaint_counts = []


def register_complaint_counts(provider) -> None:
    if provider not in _complaint_counts:
        _complaint_counts.append(provider)


def unregister_complaint_counts(provider) -> None:
    if provider in _complaint_counts:
        _complaint_counts.remove(provider)


def complaint_counts(estate_ids, since, until) -> dict | None:
    """{dimension key: complaints} from the registered provider, or None when none is registered."""
    return _complaint_counts[-1](estate_ids, since, until) if _complaint_counts else None
