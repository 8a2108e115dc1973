"""Calendar months in the site's time zone (Asia/Shanghai), for the committee's monthly work."""

from datetime import date, datetime, time

from django.utils import timezone

from repairs.maintenance.recurrence import add_months


def previous_month(today: date | None = None) -> date:
    """The first day of the month before `today`'s (today in the site's time zone by default)."""
    return add_months((today or timezone.localdate()).replace(day=1), -1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """[local midnight of the month's first day, local midnight of the next month's first day)."""
    zone = timezone.get_current_timezone()
    start = month.replace(day=1)
    return datetime.combine(start, time.min, tzinfo=zone), datetime.combine(add_months(start, 1), time.min, tzinfo=zone)


def parse_month(text: str) -> date | None:
    """ "2030-01" → date(2030, 1, 1); None for anything else."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except (TypeError, ValueError):
        return None
