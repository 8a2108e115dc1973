"""When an item must be acknowledged and answered, from the estate's ComplaintSettings (defaults without a row).

The clock runs around the clock, as repairs' around-the-clock targets do (repairs.sla with no business hours):
the 24-hour acknowledgement is the national level-1 hotline promise, and "answer within N days" is written in
calendar days in company SOPs.
"""

from datetime import datetime

from django.utils import timezone

from repairs.sla import add_working_minutes

from .models import ComplaintSettings


def complaint_settings(estate_id: int) -> ComplaintSettings:
    """The estate's settings row, or an unsaved one carrying the field defaults."""
    return ComplaintSettings.objects.filter(estate_id=estate_id).first() or ComplaintSettings(estate_id=estate_id)


def _after(start: datetime, minutes: int) -> datetime:
    return add_working_minutes(timezone.localtime(start), minutes, None)


def start_clock(complaint, start: datetime, rules: ComplaintSettings) -> None:
    """(Re)start the item's clock at `start` (filing, or the committee forwarding it): set both deadlines and
    forget earlier acknowledgements, answers and breaches, which were the committee's."""
    complaint.received_at = start
    complaint.acknowledge_due = _after(start, rules.acknowledge_hours * 60)
    complaint.answer_due = _after(start, rules.answer_days * 24 * 60)
    complaint.acknowledged_at = complaint.answered_at = complaint.last_answered_at = None
    complaint.acknowledge_breached_at = complaint.answer_breached_at = None


def start_manager_clock(complaint, start: datetime, rules: ComplaintSettings) -> None:
    """An escalation: the manager's answer is due `manager_answer_days` after the resident rejected."""
    complaint.manager_answer_due = _after(start, rules.manager_answer_days * 24 * 60)
    complaint.manager_breached_at = None
