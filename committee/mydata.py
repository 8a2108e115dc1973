"""The committee section of a resident's 'download my data' (registered in CommitteeConfig.ready()).

Owners' votes they were on the roll of, with their units and the ballot for their entry; the disclosure
questions they asked; their seats on a committee. A roll entry's other owners (co-owners share an entry) and a
proxy's name are not theirs, so the entry's `names` and the ballot's `proxy_name` are left out.
"""

from django.db.models import Prefetch

from .disclosures.models import DisclosureQuestion
from .members.models import Member
from .votes.models import RollEntry, RollUnit


def _ballot(entry, user):
    ballot = getattr(entry, "ballot", None)
    if ballot is None:
        return None
    return {
        "choice": ballot.choice,
        "channel": ballot.channel,
        "cast_by_you": ballot.cast_by_id == user.pk,
        "cast_at": ballot.created_at,
        "changed_at": ballot.updated_at,
    }


def export_my_committee(user) -> dict:
    entries = (
        RollEntry.objects.filter(persons__user=user)
        .select_related("motion__estate", "ballot")
        .prefetch_related(Prefetch("units", queryset=RollUnit.objects.order_by("code")))
        .order_by("motion__opens_at", "id")
    )
    questions = DisclosureQuestion.objects.filter(asker=user).select_related("disclosure").order_by("asked_at", "id")
    seats = Member.objects.filter(person__user=user).select_related("committee__estate").order_by("start", "id")
    return {
        "votes": [
            {
                "motion": {"id": e.motion_id, "title": e.motion.title, "estate": e.motion.estate.name},
                "opens_at": e.motion.opens_at,
                "closes_at": e.motion.closes_at,
                "area": e.area,
                "units": [{"code": u.code, "area": u.area} for u in e.units.all()],
                "ballot": _ballot(e, user),
            }
            for e in entries
        ],
        "disclosure_questions": [
            {
                "disclosure": q.disclosure.title,
                "question": q.body,
                "asked_at": q.asked_at,
                "answer": q.answer,
                "answered_at": q.answered_at,
            }
            for q in questions
        ],
        "committee_seats": [
            {"estate": m.committee.estate.name, "role": m.role, "from": m.start, "to": m.end} for m in seats
        ],
    }
