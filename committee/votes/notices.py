"""Telling the owners on a vote's roll that it was announced, and later its result: once per owner and kind."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from residents.models import Person
from residents.notify import notify_user

from .models import Motion, VoteNotice

MESSAGES = {
    VoteNotice.Kind.ANNOUNCED: (
        _("Owners' vote announced: %(title)s"),
        _(
            "Read the agenda, the dates and how to vote in Linli. Abstaining counts as taking part; "
            "not voting does not."
        ),
    ),
    VoteNotice.Kind.RESULT: (
        _("Result of the owners' vote: %(title)s"),
        _("The vote has closed. The result and its arithmetic are published in Linli."),
    ),
}


def motion_notify_owners(*, motion_id: int, kind: str) -> int:
    """Notify each owner on the roll who has an account and has not had this notice; returns how many were
    notified now. Safe to run again: the unique notice row is written with the message, in one transaction."""
    motion = Motion.objects.get(pk=motion_id)
    subject, body = MESSAGES[kind]
    people = (
        Person.objects.filter(roll_entries__motion=motion, user__isnull=False, user__is_active=True)
        .exclude(pk__in=VoteNotice.objects.filter(motion=motion, kind=kind).values("person_id"))
        .select_related("user")
        .distinct()
    )
    sent = 0
    for person in people.iterator(chunk_size=500):
        with transaction.atomic():
            _, created = VoteNotice.objects.get_or_create(motion=motion, person=person, kind=kind)
            if created:
                notify_user(
                    user=person.user,
                    event_key=f"vote-{kind}-{motion.pk}",
                    subject=subject,
                    body=body,
                    link=reverse("votes-mine-detail", args=[motion.pk]),
                    params={"title": motion.title},
                )
                sent += 1
    return sent
