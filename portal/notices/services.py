"""Telling residents of a notice when it goes live: once per (notice, person), on the channels they chose."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from residents import access
from residents.models import Unit
from residents.notify import notify_user

from .estates import estate_of_page
from .models import NoticeDelivery, NoticePage, NoticeRead

SUBJECTS = {True: _("Urgent notice: %(title)s"), False: _("New notice: %(title)s")}
SUMMARY_CHARS = 120  # enough for an SMS-sized summary; the link has the rest


def _recipients(notice: NoticePage, estate):
    """Current residents of the target buildings (of the whole estate when none are chosen), not yet told."""
    units = Unit.objects.filter(estate=estate)
    buildings = [building.pk for building in notice.target_buildings.all()]
    if buildings:
        units = units.filter(building__in=buildings)
    told = NoticeDelivery.objects.filter(notice=notice).values("person_id")
    return access.residents_of_units(units.values("pk")).exclude(person__pk__in=told)


def _is_showing(notice: NoticePage | None) -> bool:
    return bool(notice and notice.live and (notice.expire_at is None or notice.expire_at > timezone.now()))


def notice_notify_residents(*, notice_id: int) -> int:
    """Notify each resident the live notice concerns who has not been told of it; returns how many now.

    Safe to run again (publishing again, a retried task): the unique delivery row is written with the messages,
    in one transaction per person. A notice that is not live, has expired or is outside an estate tells nobody.
    """
    notice = NoticePage.objects.filter(pk=notice_id).first()
    estate = estate_of_page(notice) if _is_showing(notice) else None
    if estate is None:
        return 0
    summary = Truncator(strip_tags(notice.body)).chars(SUMMARY_CHARS)
    sent = 0
    for user in _recipients(notice, estate).iterator(chunk_size=500):
        with transaction.atomic():
            _, created = NoticeDelivery.objects.get_or_create(notice=notice, person=user.person)
            if created:
                notify_user(
                    user=user,
                    event_key=f"notice-{notice.pk}",
                    subject=SUBJECTS[notice.urgent],
                    body=summary,
                    link=notice.get_url() or "",
                    params={"title": notice.title},
                )
                sent += 1
    return sent


def notice_mark_read(*, notice: NoticePage, user) -> None:
    """Remember that the user (a person) opened the notice, for their unread count. A read first, so only the
    first visit writes (a write per page view would cost a commit each: ~20 ms on SQLite here); the INSERT ignores
    a row a concurrent first visit just wrote."""
    person = getattr(user, "person", None)
    if person is not None and not NoticeRead.objects.filter(notice=notice, person=person).exists():
        NoticeRead.objects.bulk_create([NoticeRead(notice=notice, person=person)], ignore_conflicts=True)
