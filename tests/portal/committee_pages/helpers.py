"""Committee pages and the committee's published work, for the portal tests."""

from datetime import timedelta

from django.utils import timezone

from committee.meetings.models import Meeting
from committee.votes.models import Motion
from portal.models import CommitteePage
from tests.portal.guide.helpers import estate_home


def published_committee_page(estate, **fields) -> CommitteePage:
    values = {"title": "业主委员会", "slug": "committee", "intro": "<p>业委会信箱在3号楼大堂。</p>", **fields}
    page = CommitteePage(**values)
    estate_home(estate).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def minutes(committee, *, title="第一次会议", status="published", days_ago=9) -> Meeting:
    """A held meeting of the committee; published (the default) or only approved."""
    held = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(
        estate=committee.estate, committee=committee, title=title, status=status, scheduled_at=held,
        held_on=held.date(), voting_members=5, quorate=True, minutes="纪要正文",
        approved_at=held, published_at=timezone.now() if status == "published" else None,
    )  # fmt: skip


def closed_vote(estate, actor, *, title="增设充电桩", passed=False) -> Motion:
    """A vote of the estate, announced, run and closed through the services (nobody voted unless told)."""
    from committee.votes.services import motion_announce, motion_close, motion_create
    from tests.committee.votes_helpers import AFTER, motion_input

    motion = motion_create(estate_id=estate.pk, actor=actor, data=motion_input(title=title))
    motion_announce(motion_id=motion.pk, actor=actor)
    return motion_close(motion_id=motion.pk, now=AFTER)
