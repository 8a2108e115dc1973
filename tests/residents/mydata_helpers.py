"""A resident with personal data in every app, and the values that identify them, for the export and erasure
tests. Every value is distinctive, so finding it anywhere in the database means it was not erased."""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from committee.disclosures.services import disclosure_question_ask
from committee.votes.models import Motion
from committee.votes.services import MotionInput, ballot_cast, motion_announce, motion_create
from core.models import Notification
from feedback.complaints.services import Submission, complaint_submit
from feedback.instruments.selectors import instrument_for
from feedback.surveys.services import Invitation, survey_invite
from repairs.models import Quote, WorkOrderEvent
from repairs.photos import work_order_photo_add
from repairs.services import Report, work_order_submit
from residents.models import Person, UnitClaim, User
from tests.committee.disclosure_helpers import published
from tests.feedback.replies_helpers import answer

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory


@dataclass
class Scene:
    owner: User
    order: object
    photo: object
    ballot: object
    motion: object
    values: dict  # what identifies the owner: name, contact details and the free text they wrote
    others: dict  # other people's personal data that shows up around the owner's


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def resident_everywhere(world) -> Scene:
    """World's owner (unit A) with a distinctive name and contacts, and data in every app; the tenant of the same
    unit and the technician leave their own data on the same order and unit."""
    owner = world.users["owner"]
    User.objects.filter(pk=owner.pk).update(
        username="ouyang-login", email="ouyang.mydata@example.com", phone="+8613912345678"
    )
    Person.objects.filter(user=owner).update(full_name="欧阳测试", channels=["in_app", "sms", "email"])
    owner = User.objects.get(pk=owner.pk)
    tenant, technician = world.users["tenant"], world.users["technician"]
    Person.objects.filter(user=tenant).update(full_name="同住租客")

    order = work_order_submit(
        actor=owner,
        report=Report(
            trade="plumbing", description="厨房水槽漏水甲一", unit_id=world.unit_a.pk, location_detail="厨房左侧甲二"
        ),
    )
    photo = work_order_photo_add(order_id=order.pk, actor=owner, data=jpeg(), kind="report")
    WorkOrderEvent.objects.create(order=order, actor=owner, action="comment", note="下午在家甲三")
    WorkOrderEvent.objects.create(order=order, actor=technician, action="comment", note="师傅电话 13700001234")
    WorkOrderEvent.objects.create(order=order, actor=tenant, action="comment", note="租客补充乙一")
    Quote.objects.create(order=order, labour=80, materials=20, note="更换水龙头", sent_by=world.users["manager"])
    work_order_submit(
        actor=tenant, report=Report(trade="electrical", description="租客报修乙二", unit_id=world.unit_a.pk)
    )

    complaint_submit(
        actor=owner,
        submission=Submission(
            kind="complaint", estate="alpha", addressee="company", title="保洁甲四", body="楼道很脏甲五",
            dimensions=("tangibles",),
        ),
    )  # fmt: skip
    survey = survey_invite(
        Invitation(
            kind="campaign",
            instrument=instrument_for(estate_id=world.estate_a.pk, purpose="campaign"),
            recipient=owner,
            estate_id=world.estate_a.pk,
            building_id=world.unit_a.building_id,
            unit_id=world.unit_a.pk,
        )
    )
    answer(survey, csat=2, comment="师傅迟到甲六")

    committee = world.users["committee"]
    motion = motion_create(
        estate_id=world.estate_a.pk,
        actor=committee,
        data=MotionInput(
            title="改建车棚",
            agenda="改建。",
            matter=8,
            opens_at=timezone.now() + timedelta(days=16),
            closes_at=timezone.now() + timedelta(days=30),
        ),
    )
    motion_announce(motion_id=motion.pk, actor=committee)
    Motion.objects.filter(pk=motion.pk).update(opens_at=timezone.now() - timedelta(days=1))
    ballot = ballot_cast(motion_id=motion.pk, user=owner, choice="yes", password=PASSWORD)

    entry = published(world.users["manager"], world.estate_a)
    disclosure_question_ask(actor=owner, disclosure_id=entry.pk, body="广告收入明细甲七")
    Notification.objects.create(recipient=owner, event_key="test.hello", subject="您好欧阳测试", body="提醒甲八")
    UnitClaim.objects.create(person=owner.person, unit=world.unit_a2, relation="owner", note="车位也是我的甲九")

    values = {
        "name": "欧阳测试",
        "username": "ouyang-login",
        "email": "ouyang.mydata@example.com",
        "phone": "13912345678",
        "texts": ["厨房水槽漏水甲一", "厨房左侧甲二", "下午在家甲三", "保洁甲四", "楼道很脏甲五", "师傅迟到甲六",
                  "广告收入明细甲七", "提醒甲八", "车位也是我的甲九"],
    }  # fmt: skip
    others = {
        "tenant_name": "同住租客",
        "technician_phone": "13700001234",
        "tenant_texts": ["租客补充乙一", "租客报修乙二"],
    }
    return Scene(owner, order, photo, ballot, Motion.objects.get(pk=motion.pk), values, others)
