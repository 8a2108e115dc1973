"""Stored XSS in what people type (issue 6 "Bad input", SECURITY.md §1.4): the free text residents and staff leave
on repairs, complaints, ratings and disclosures (descriptions, notes, comments, replies, questions, answers) is
stored as typed and shown as text on every page that shows it, to every role that sees it.

Rich text (notices, self-help articles, guide and committee pages) goes through portal.richtext's whitelist and is
tested with its pages (tests/portal/notices/test_pages.py, tests/portal/kb/test_xss.py).
"""

import pytest
from django.urls import reverse

from committee.disclosures.services import disclosure_question_answer, disclosure_question_ask
from feedback.complaints import services as complaints
from feedback.instruments.selectors import instrument_for
from feedback.models import Survey
from feedback.replies.services import reply_to_response
from feedback.surveys.services import Invitation, survey_invite
from repairs import services as repairs
from repairs.services import Report
from tests.committee.disclosure_helpers import published
from tests.feedback.complaints_support import file
from tests.feedback.replies_helpers import answer

pytestmark = pytest.mark.django_db

# Each payload says where it was typed, so a failure names the field that leaked.
SCRIPT = "<script>alert('{}')</script>"
IMAGE = "<img src=x onerror=\"alert('{}')\">"


def typed(where: str) -> str:
    return SCRIPT.format(where) + IMAGE.format(where)


def escaped(where: str) -> str:
    """How the payload reads in the page's HTML when shown as text."""
    return f"&lt;script&gt;alert(&#x27;{where}&#x27;)&lt;/script&gt;"


def assert_shown_as_text(response, *fields: str) -> None:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for where in fields:
        assert SCRIPT.format(where) not in html and IMAGE.format(where) not in html, f"{where} rendered as markup"
        assert escaped(where) in html, f"{where} not shown on {response.request['PATH_INFO']}"
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_repairs_description_notes_and_comment_are_text_for_the_resident_and_the_staff(world, web_as):
    users = world.users
    order = repairs.work_order_submit(
        actor=users["owner"],
        report=Report(trade="plumbing", description=typed("description"), unit_id=world.unit_a.pk,
                      location_detail=typed("location")),
    )  # fmt: skip
    repairs.work_order_accept(order_id=order.pk, actor=users["dispatcher"], auto_assign=False)
    repairs.work_order_assign(
        order_id=order.pk, technician_id=users["technician"].pk, actor=users["dispatcher"], note=typed("assign-note")
    )
    repairs.work_order_start(order_id=order.pk, actor=users["technician"])
    repairs.work_order_hold(order_id=order.pk, actor=users["technician"], reason=typed("hold-reason"))
    repairs.work_order_resume(order_id=order.pk, actor=users["technician"])
    repairs.work_order_complete(order_id=order.pk, actor=users["technician"], notes=typed("completion"))
    repairs.work_order_confirm(order_id=order.pk, actor=users["owner"], rating=2, comment=typed("confirm-comment"))

    assert_shown_as_text(
        web_as(users["owner"]).get(reverse("repairs-detail", args=[order.pk])), "description", "completion"
    )
    assert_shown_as_text(web_as(users["owner"]).get(reverse("repairs-mine")), "description")
    staff_page = web_as(users["dispatcher"]).get(reverse("staff-work-order", args=[order.pk]))
    assert_shown_as_text(staff_page, "description", "location", "completion", "confirm-comment", "hold-reason")
    assert_shown_as_text(web_as(users["dispatcher"]).get(reverse("staff-work-orders") + "?status=confirmed"))


def test_a_complaints_text_answer_and_reply_are_text_for_the_resident_staff_and_committee(world, web_as):
    users = world.users
    complaint = file(world, title=typed("title")[:60], body=typed("body"))
    complaints.complaint_acknowledge(complaint_id=complaint.pk, actor=users["dispatcher"], note=typed("ack-note"))
    complaints.complaint_reply(complaint_id=complaint.pk, actor=users["dispatcher"], text=typed("reply"))
    complaints.complaint_answer(complaint_id=complaint.pk, actor=users["dispatcher"], answer=typed("answer"))
    complaints.complaint_reject(complaint_id=complaint.pk, actor=users["owner"], reason=typed("reject-reason"))
    complaints.complaint_manager_answer(complaint_id=complaint.pk, actor=users["manager"], answer=typed("manager"))
    complaints.complaint_reject(complaint_id=complaint.pk, actor=users["owner"], reason="还是不行")  # to the committee

    resident_page = web_as(users["owner"]).get(reverse("complaints-detail", args=[complaint.pk]))
    assert_shown_as_text(resident_page, "body", "answer", "reply", "reject-reason", "manager")
    assert_shown_as_text(web_as(users["owner"]).get(reverse("complaints-mine")))
    staff_page = web_as(users["dispatcher"]).get(reverse("staff-complaint", args=[complaint.pk]))
    assert_shown_as_text(staff_page, "body", "answer", "reply", "reject-reason")
    assert_shown_as_text(web_as(users["dispatcher"]).get(reverse("staff-complaints")))
    committee_page = web_as(users["committee"]).get(reverse("committee-complaint", args=[complaint.pk]))
    assert_shown_as_text(committee_page, "body", "answer", "manager")


def test_a_ratings_comment_and_the_staff_reply_are_text_on_both_sides(world, web_as):
    instrument = instrument_for(estate_id=world.estate_a.pk, purpose="campaign")
    unit = world.unit_a
    campaign_survey = survey_invite(
        Invitation(kind=Survey.Kind.CAMPAIGN, instrument=instrument, recipient=world.users["owner"],
                   estate_id=world.estate_a.pk, building_id=unit.building_id, unit_id=unit.pk)
    )  # fmt: skip
    rated = answer(campaign_survey, csat=2, comment=typed("rating-comment"))
    reply_to_response(response_id=rated.pk, actor=world.users["dispatcher"], body=typed("rating-reply"))

    staff_list = web_as(world.users["dispatcher"]).get(reverse("staff-survey-responses"))
    assert_shown_as_text(staff_list, "rating-comment", "rating-reply")
    resident_page = web_as(world.users["owner"]).get(reverse("feedback-survey", args=[campaign_survey.pk]))
    assert_shown_as_text(resident_page, "rating-reply")


def test_a_residents_question_on_a_disclosure_and_its_answer_are_text_for_everyone(world, web_as):
    entry = published(world.users["manager"], world.estate_a)
    question = disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body=typed("question"))
    disclosure_question_answer(actor=world.users["manager"], question_id=question.pk, answer=typed("company-answer"))

    for user, page, args in (
        ("owner", "committee-public-disclosure", [world.estate_a.slug, entry.pk]),
        ("manager", "staff-committee-disclosure", [world.estate_a.slug, entry.pk]),
        ("committee", "committee-disclosure", [world.estate_a.slug, entry.pk]),
    ):
        assert_shown_as_text(web_as(world.users[user]).get(reverse(page, args=args)), "question", "company-answer")
