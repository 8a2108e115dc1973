"""The demo estate's committee (what `make run` shows): a term with its chair, an owners' vote the demo owner
can vote in now, and a published fee-standards disclosure. Safe to run again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from residents.models import Estate, User

from .disclosures.models import Disclosure
from .disclosures.services import DisclosureInput, disclosure_draft_create, disclosure_publish
from .members.models import Committee
from .members.services import SeatInput, TermInput, committee_create, member_add
from .votes.models import Motion
from .votes.services import MotionInput, motion_announce, motion_create

FEES = (
    "物业服务费：多层住宅 1.20 元/㎡·月，高层住宅 1.80 元/㎡·月，按专有部分面积计收，按季度收取。"
    "收费依据：物业服务合同及市发展改革委备案。价格举报电话：12358。"
)


@transaction.atomic
def seed_committee_demo(*, estate_slug: str) -> None:
    estate = Estate.objects.get(slug=estate_slug)
    chair, manager = User.objects.get(username="committee"), User.objects.get(username="manager")
    today = timezone.localdate()
    if not Committee.objects.filter(estate=estate).exists():
        term = TermInput(
            elected_on=today - timedelta(days=200),
            term_start=today - timedelta(days=190),
            term_end=today.replace(year=today.year + 4),
            filed_on=today - timedelta(days=185),
        )
        committee = committee_create(actor=chair, estate_id=estate.pk, data=term)
        seat = SeatInput(building="3号楼", unit="0601", full_name=chair.person.full_name, role="chair")
        member_add(actor=chair, committee_id=committee.pk, data=seat)
    if not Motion.objects.filter(estate=estate).exists():
        _vote(estate, chair)
    if not Disclosure.objects.filter(estate=estate).exists():
        data = DisclosureInput(
            kind="fees",
            title="2026年度物业服务收费标准",
            body=FEES,
            period_start=today.replace(month=1, day=1),
            period_end=today.replace(month=12, day=31),
        )
        entry = disclosure_draft_create(actor=manager, estate_id=estate.pk, data=data)
        disclosure_publish(actor=manager, disclosure_id=entry.pk)


def _vote(estate, chair) -> None:
    """Announced with the real notice period, then (demo only) moved so that voting runs today: the demo owner
    can vote at once instead of in fifteen days."""
    now = timezone.now()
    data = MotionInput(
        title="动用维修资金更换1号楼电梯",
        matter=5,
        opens_at=now + timedelta(days=16),
        closes_at=now + timedelta(days=30),
        agenda="1号楼两部电梯已运行18年，拟动用专项维修资金约46万元整体更换。报价单及评估报告见公示栏。",
    )
    motion = motion_create(estate_id=estate.pk, actor=chair, data=data)
    motion_announce(motion_id=motion.pk, actor=chair, now=now)
    Motion.objects.filter(pk=motion.pk).update(opens_at=now - timedelta(hours=1))
