"""The authorisation matrix (SECURITY.md §2d, §5 items 1, 2 and 4).

Every URL pattern in the URL conf and every operation in the OpenAPI schema needs a row in POLICY; a new
endpoint without one fails `test_policy_covers_*`. Each row is then requested as every role, and the answer
must be the status in the row. Objects in the paths belong to estate B or to another resident, so staff and
residents of estate A get 404; lists must hold exactly the ids the role may see; and no body may carry a full
phone number unless the row says that role may see one.
"""

import io
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from PIL import Image
from rest_framework.test import APIClient

from committee.disclosures.services import disclosure_attach, disclosure_draft_create, disclosure_question_ask
from committee.documents.services import DocumentInput, document_upload
from committee.meetings.models import AgendaItem, Meeting
from committee.members.models import Committee, Member
from committee.supervision import services as supervision
from committee.supervision.models import SupervisionItem
from committee.votes.models import Motion
from committee.votes.services import MotionInput, PaperBallot, ballot_record_paper, motion_announce, motion_create
from feedback.campaigns.services import CampaignInput, campaign_create
from feedback.complaints.services import Submission, complaint_submit
from feedback.instruments.selectors import instrument_for
from feedback.instruments.services import InstrumentSpec, ItemText, instrument_draft_create, instrument_items_replace
from feedback.models import Instrument
from feedback.surveys.services import Invitation, survey_invite
from repairs.incidents.services import IncidentDetails, IncidentScope, incident_declare
from repairs.maintenance.services import ChecklistLine, PlanInput, maintenance_plan_create
from repairs.models import WorkOrder, WorkOrderChecklistItem
from repairs.photos import work_order_photo_add
from repairs.services import Report, work_order_submit
from residents.models import CommonArea, DeletionRequest, User
from tests.committee.disclosure_helpers import entry_input, published
from tests.committee.files_helpers import PDF
from tests.conftest import sign_in_verified
from tests.feedback.replies_helpers import answer
from tests.residents.factories import UnitFactory

ROLES = (
    "anonymous",
    "owner",
    "tenant",
    "other_household",
    "newcomer",
    "dispatcher",
    "technician",
    "manager",
    "committee",
    "committee_b",
    "manager_b",
    "admin",
)
RESIDENTS = ("owner", "tenant", "other_household", "newcomer")
REGISTRY_A = ("dispatcher", "technician", "manager")  # registry.view in estate A
DECIDERS_A = ("dispatcher", "manager")  # people.view, people.reveal_phone and claims.decide in estate A
PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory
# A mainland mobile number, bare or in E.164 form; masked ones (138****1234) do not match. Letters around
# it are a boundary too, so digits inside random hex tokens (ids, hashes) are not taken for a phone.
PHONE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86)?(1[3-9]\d{9})(?![0-9A-Za-z])")
OUR_PACKAGES = ("core", "residents", "repairs", "feedback", "committee", "portal")
# Trees mounted from third-party apps: one row per prefix (sample URLs below), unless our code adds a view.
THIRD_PARTY_PREFIXES = ("django-admin/", "cms/")


def statuses(default, **by_role):
    """Expected status per role: `default`, except the roles (or role groups) named."""
    groups = {"residents": RESIDENTS, "registry_a": REGISTRY_A, "deciders_a": DECIDERS_A}
    table = dict.fromkeys(ROLES, default)
    for key, status in by_role.items():
        for role in groups.get(key, (key,)):
            table[role] = status
    return table


def by_estate(in_a: Callable, in_b: Callable):
    """Expected list ids: staff of A see in_a(world), staff of B see in_b(world), the admin sees both."""

    def expected(world, role):
        if role == "admin":
            return in_a(world) | in_b(world)
        return in_b(world) if role.endswith("_b") else in_a(world)

    return expected


@dataclass(frozen=True)
class Row:
    """One operation and what each role gets. `route` is a URL name, or a prefix for a third-party tree."""

    route: str
    method: str
    expect: dict
    url: Callable  # world → path
    api: bool = True  # API rows use force_authenticate; HTML rows a 2FA-verified browser session
    body: Callable | None = None  # (world, user) → request data
    ids: Callable | None = None  # (world, role) → ids the list must hold, for roles answered 200
    own_phone: bool = False  # the response may show the signed-in person's own phone in full
    reveals: tuple = ()  # roles that may see someone else's full phone number in this response
    variant: str = ""
    format: str = "json"  # API request bodies
    ids_in: Callable = field(default=lambda response: [row["id"] for row in response.json()["results"]])

    @property
    def label(self):
        return f"{self.method} {self.route}{' ' + self.variant if self.variant else ''}"


def named(name, **kwargs):
    return lambda world: reverse(name, kwargs={key: value(world) for key, value in kwargs.items()})


def literal(path):
    return lambda world: path


def credentials(world, user):
    """The role's own password (staff have no TOTP code, so they are refused); anonymous guesses."""
    return {"username": user.username if user else "nobody", "password": PASSWORD if user else "wrong-password-1"}


def claim_unit_b(world, user):
    return {"estate": "beta", "building": "1号楼", "number": "0101", "relation": "tenant"}


def persons(*roles):
    return lambda world: {world.users[role].person.pk for role in roles}


def units_a(world):
    return {world.unit_a.pk, world.unit_a2.pk}


def units_b(world):
    return {world.unit_b.pk, world.unsold_b.pk}


def claimants_a(world):
    return persons("owner", "tenant", "newcomer")(world)


def claimants_b(world):
    return persons("other_household")(world) | {world.claim_b.person_id}


def own_units(world, role):
    return {"owner": {world.unit_a.pk}, "tenant": {world.unit_a.pk}, "other_household": {world.unit_b.pk}}.get(
        role, set()
    )


def own_claims(world, role):
    return {world.claim_a.pk} if role == "newcomer" else set()


def registry_file_for_estate_b(world, user):
    """A one-unit registry file for estate B: only B's manager and the admin may import it."""
    content = "estate_slug,estate_name,building,unit,floor,area,use\nbeta,乙小区,9号楼,0101,1,88.5,residential\n"
    return {"file": SimpleUploadedFile("registry.csv", content.encode()), "dry_run": "false"}


def ids_linked(pattern):
    """List ids in an HTML page: the ids in its links to `pattern` (one capture group), each counted once."""
    return lambda response: sorted({int(pk) for pk in re.findall(pattern, response.content.decode())})


def claim_ids_in_page(response):
    return [int(pk) for pk in re.findall(r"/staff/claims/(\d+)/approve/", response.content.decode())]


def household_orders(world, role):
    """Repair requests a resident sees: their household's (owner and tenant share unit A)."""
    # finished_b: B's household's closed order, drawn for the committee's spot check
    return {
        "owner": {world.order_a.pk},
        "tenant": {world.order_a.pk},
        "other_household": {world.order_b.pk, world.finished_b.pk},
    }.get(role, set())


def staff_orders(world, role):
    """Orders in the API list: dispatchers and managers see their estates'; technicians only their assignments."""
    in_b = by_estate(lambda w: {w.order_a.pk}, lambda w: {w.order_b.pk, w.finished_b.pk})
    return set() if role == "technician" else in_b(world, role)


def staff_open_orders(world, role):
    """Orders in the queue page, which shows open orders unless asked otherwise: B's closed order is not there."""
    return staff_orders(world, role) - {world.finished_b.pk}


ORDER_B = {"pk": lambda world: world.order_b.pk}
# A staff action on order B (status "submitted") as B's manager or the admin: the body, and the answer.
# The state table answers 409 for a move not possible from "submitted"; merge into an order of estate A is a 400.
STAFF_ACTION_ON_B = {
    "accept": ({}, 200),
    "reject": ({"note": "重复报修"}, 200),
    "merge": (lambda world: {"master_id": world.order_a.pk}, 400),
    "assign": (lambda world: {"technician_id": world.users["technician"].pk}, 409),
    "schedule": ({"scheduled_for": "2030-01-07T10:00:00+08:00"}, 409),
    "start": ({}, 409),
    "hold": ({"note": "等配件"}, 409),
    "resume": ({}, 409),
    "complete": ({"note": "已修好"}, 409),
    "reopen": ({"note": "又坏了"}, 409),
    "cancel": ({}, 200),
    "close": ({}, 409),
    "follow_up": ({"note": "住户满意"}, 409),
    "quote": ({"labour": "80.00", "materials": "20.00"}, 409),  # order B is not accepted yet
    "charge_paid": ({}, 409),
}
# A resident action on order B by its household (other_household); everyone else is refused or gets a 404.
RESIDENT_ACTION_ON_B = {
    "confirm": ({"rating": 5}, 409),
    "reopen": ({"note": "又坏了"}, 409),
    "cancel": ({}, 200),
    "press": ({}, 200),
    "accept_quote": ({}, 409),  # no quote waiting
    "decline_quote": ({}, 409),
}


def action_body(body):
    return (lambda world, user: body(world)) if callable(body) else (lambda world, user: body)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def photo_upload(world, user):
    return {"photo": SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg")}


def report_for_unit_b(world, user):
    return {"trade": "plumbing", "description": "漏水", "unit_id": world.unit_b.pk, "channel": "phone"}


INCIDENT_B = {"pk": lambda world: world.incident_b.pk}


def own_incidents(world, role):
    """Open outages a resident sees: those of their homes' buildings."""
    return {
        "owner": {world.incident_a.pk},
        "tenant": {world.incident_a.pk},
        "other_household": {world.incident_b.pk},
    }.get(role, set())


def incident_for_estate_b(world, user):
    return {
        "estate": "beta",
        "title": "乙小区停水",
        "kind": "water",
        "priority": "urgent",
        "building_ids": [world.unit_b.building_id],
    }


def declare_page_for_estate_b(world):
    return reverse("staff-incident-new") + "?estate=beta"


PLAN_B = {"pk": lambda world: world.plan_b.pk}
MANAGERS = statuses(403, anonymous=401, manager=200, manager_b=200, admin=200)  # repairs.manage
MANAGERS_OBJECT_B = statuses(403, anonymous=401, manager=404, manager_b=200, admin=200)
HTML_MANAGERS = statuses(403, anonymous=302, manager=200, manager_b=200, admin=200)
HTML_MANAGE_PLAN_B = statuses(403, anonymous=302, manager=404, manager_b=302, admin=302)
PLANS_BY_ESTATE = by_estate(lambda w: {w.plan_a.pk}, lambda w: {w.plan_b.pk})


def plan_body(world, user):
    """A maintenance plan on estate B's lift (the API's shape)."""
    area = CommonArea.objects.get(name="B lift")
    return {
        "title": "电梯月检",
        "trade": "lift",
        "common_area_id": area.pk,
        "interval": 1,
        "unit": "months",
        "first_due": "2030-01-31",
        "checklist": [{"text": "检查门机"}],
    }


def plan_form(world, user):
    """The same plan as the HTML form posts it (the estate field is ignored when editing)."""
    area = CommonArea.objects.get(name="B lift")
    return {
        "estate": world.estate_b.pk,
        "title": "电梯月检",
        "trade": "lift",
        "common_area": area.pk,
        "priority": "routine",
        "interval": "1",
        "unit": "months",
        "first_due": "2030-01-31",
        "lead_days": "0",
        "active": "on",
        "checklist-TOTAL_FORMS": "1",
        "checklist-INITIAL_FORMS": "0",
        "checklist-0-text": "检查门机",
    }


SURVEY_B = {"pk": lambda world: world.survey_b.pk}


def own_surveys(world, role):
    """Surveys a resident sees: only those sent to them (the tenant shares unit A but was not asked)."""
    return {
        "owner": {world.survey_a.pk, world.rated_a.survey_id},
        "other_household": {world.survey_b.pk, world.rated_b.survey_id},
    }.get(role, set())


# rated_b: estate B's household answered a second survey with a low rating and a comment, not yet replied to
RATED_B = {"pk": lambda world: world.rated_b.pk}
RATINGS_BY_ESTATE = by_estate(lambda w: {w.rated_a.pk}, lambda w: {w.rated_b.pk})


def answers_to_survey_b(world, user):
    """A complete response to survey B (the estate-wide instrument: two columns, points, CSAT, NPS)."""
    items = world.survey_b.instrument.items.all()
    points = {
        "tangibles": 10,
        "reliability": 10,
        "responsiveness": 10,
        "competence": 10,
        "courtesy": 10,
        "credibility": 10,
        "security": 10,
        "access": 10,
        "communication": 10,
        "understanding": 10,
    }
    answers = {str(item.pk): {"perceived": 5, "expected": 6} for item in items}
    return {"answers": answers, "weights": points, "csat": 4, "nps": 8}


PERSON_B = {"pk": lambda world: world.users["other_household"].person.pk}
CLAIM_B = {"pk": lambda world: world.claim_b.pk}
DELETION_B = {"pk": lambda world: world.deletion_b.pk}
HTML_CLAIM_B = {"claim_id": lambda world: world.claim_b.pk}
# API: anonymous → 401 (TokenAuthentication's WWW-Authenticate); signed in but not allowed → 403.
REGISTRY = statuses(403, anonymous=401, registry_a=200, manager_b=200, admin=200)
REGISTRY_OBJECT_B = statuses(403, anonymous=401, registry_a=404, manager_b=200, admin=200)
DECIDERS = statuses(403, anonymous=401, deciders_a=200, manager_b=200, admin=200)
DECIDERS_OBJECT_B = statuses(403, anonymous=401, deciders_a=404, manager_b=200, admin=200)
RESIDENT_ONLY = statuses(403, anonymous=401, residents=200)
STAFF_SCHEMA = statuses(403, anonymous=401, registry_a=200, manager_b=200, admin=200)
# Outages: dispatchers and managers (repairs.dispatch); technicians and committee members are refused.
DISPATCHERS = statuses(403, anonymous=401, deciders_a=200, manager_b=200, admin=200)
DISPATCHERS_OBJECT_B = statuses(403, anonymous=401, deciders_a=404, manager_b=200, admin=200)
HTML_DISPATCHERS_OBJECT_B = statuses(403, anonymous=302, deciders_a=404, manager_b=200, admin=200)
# HTML: anonymous → sign-in page; a login without a person record (staff, committee) → the staff console.
HTML_RESIDENT_ONLY = statuses(302, residents=200)
HTML_REGISTRY = statuses(403, anonymous=302, registry_a=200, manager_b=200, admin=200)
HTML_DECIDERS = statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200)
HTML_DECIDE_CLAIM_B = statuses(403, anonymous=302, deciders_a=404, manager_b=302, admin=302)
# Third-party admin sites: only the (2FA-verified) superuser gets in; everyone else is sent to a login page.
ADMIN_SITE = statuses(302, admin=200)
# Wagtail's admin also lets in each estate's managers (content.edit), for the pages of their estate's tree only
CMS_EDITORS = statuses(302, manager=200, manager_b=200, admin=200)
CMS_EDITORS_B = statuses(302, manager_b=200, admin=200)  # manager of A: sent back to the dashboard


def cms_b(world) -> dict:
    """Estate B's pages in the Wagtail admin: its home, its notice board and its live notice."""
    board = world.notice_b.get_parent()
    return {"notice": world.notice_b.pk, "board": board.pk, "home": board.get_parent().pk}


# --- owners' votes: vote_a / vote_b announced and open now, draft_b a draft of B, ballot_b B's paper ballot ------
VOTE_B = {"pk": lambda world: world.vote_b.pk}
DRAFT_B = {"pk": lambda world: world.draft_b.pk}
HTML_COMMITTEE = statuses(403, anonymous=302, committee=200, committee_b=200, admin=200)
HTML_PAPER_B = statuses(403, anonymous=302, manager=404, committee=404, committee_b=200, manager_b=200, admin=200)
VOTES_BY_ESTATE = by_estate(lambda w: {w.vote_a.pk}, lambda w: {w.vote_b.pk, w.draft_b.pk})


def MY_VOTES(world, role):
    return {"owner": {world.vote_a.pk}, "tenant": {world.vote_a.pk}, "other_household": {world.vote_b.pk}}.get(
        role, set()
    )


def vote_form():
    opens = timezone.localtime() + timedelta(days=20)
    return {
        "title": "更换电梯",
        "matter": 6,
        "agenda": "筹集维修资金。",
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
    }


def paper_form(voter, **extra):
    scan = SimpleUploadedFile("ballot.jpg", _jpeg(), content_type="image/jpeg")
    return {"voter": voter, "choice": "yes", "channel": "paper", "scan": scan, "note": "按原件录入", **extra}


# --- complaints (feedback.complaints) ----------------------------------------------------------------------------
# complaint_b: filed by estate B's household to the company, still "received"; committee_item_b: addressed by the
# same household to estate B's committee (staff never see it); their A twins are the owner's.
COMPLAINT_B = {"pk": lambda world: world.complaint_b.pk}
COMMITTEE_ITEM_B = {"pk": lambda world: world.committee_item_b.pk}
COMPLAINTS_BY_ESTATE = by_estate(lambda w: {w.complaint_a.pk}, lambda w: {w.complaint_b.pk})
COMMITTEE_ITEMS_BY_ESTATE = by_estate(lambda w: {w.committee_item_a.pk}, lambda w: {w.committee_item_b.pk})
COMPLAINT_HANDLERS = statuses(403, anonymous=401, deciders_a=200, manager_b=200, admin=200)  # complaints.handle
COMMITTEE_MEMBERS = statuses(403, anonymous=401, committee=200, committee_b=200, admin=200)  # complaints.committee
# A staff step on complaint B ("received") as B's manager or the admin: the body, and the answer.
STAFF_COMPLAINT_STEPS = {
    "acknowledge": ({}, 200),
    "investigate": ({}, 409),
    "answer": ({"note": "已安排保洁"}, 200),
    "reply": ({"note": "正在处理"}, 200),
    "manager-answer": ({"note": "经理答复"}, 409),
}
COMMITTEE_COMPLAINT_STEPS = {
    "acknowledge": ({}, 200),
    "investigate": ({}, 409),
    "answer": ({"note": "业委会答复"}, 200),
    "reply": ({"note": "正在了解"}, 200),
    "forward": ({"note": "转物业处理"}, 200),
    "conclude": ({"note": "结论"}, 409),
}
RESIDENT_COMPLAINT_STEPS = {"accept": ({}, 409), "reject": ({"note": "不满意"}, 409), "withdraw": ({}, 200)}


def own_complaints(world, role):
    """What a resident filed: their own items only (the tenant shares the owner's home, not their complaints)."""
    return {
        "owner": {world.complaint_a.pk, world.committee_item_a.pk},
        "other_household": {world.complaint_b.pk, world.committee_item_b.pk},
    }.get(role, set())


def complaint_for_estate_b(world, user):
    return {
        "kind": "complaint",
        "estate": "beta",
        "addressee": "company",
        "title": "噪音",
        "body": "夜间装修。",
        "dimensions": ["responsiveness"],
    }


# Scores (feedback.scores): managers and committee members; estate B's pages answer 404 to estate A's.
SCORES_B = statuses(403, anonymous=401, manager=404, committee=404, committee_b=200, manager_b=200, admin=200)
# Technicians' scores (feedback.breakdowns) are the company's: managers only, not the committee
SCORE_BREAKDOWNS_B = statuses(403, anonymous=401, manager=404, manager_b=200, admin=200)
# Committee spot checks and reports (committee.view/manage): estate B's objects; A's committee gets 404
ESTATE_B = {"estate": lambda world: "beta"}
SPOT_CHECK_B = {"estate": lambda world: "beta", "pk": lambda world: world.spot_check_b.pk}
REPORT_B = {"estate": lambda world: "beta", "pk": lambda world: world.quality_report_b.pk}
COMMITTEE_B = statuses(403, anonymous=401, committee=404, committee_b=200, admin=200)
COMMITTEE_B_REFUSED = statuses(403, anonymous=401, committee=404, committee_b=409, admin=409)
HTML_COMMITTEE_B = statuses(403, anonymous=302, committee=404, committee_b=200, admin=200)
HTML_COMMITTEE_B_POST = statuses(403, anonymous=302, committee=404, committee_b=302, admin=302)
RESIDENTS_B = statuses(403, anonymous=401, residents=404, other_household=200)
HTML_RESIDENTS_B = statuses(404, anonymous=302, other_household=200)
HTML_SCORES_B = statuses(403, anonymous=302, manager=404, committee=404, committee_b=200, manager_b=200, admin=200)
# The list of estates redirects a reader of one estate to its dashboard.
HTML_SCORES_HOME = statuses(403, anonymous=302, manager=302, committee=302, committee_b=302, manager_b=302, admin=200)
SCORES_ESTATE_B = {"estate": lambda world: world.estate_b.slug}


def scores_api(name):
    return lambda world: reverse(name) + "?estate=beta"


# --- portal: notices. Pages of estate B are read by its residents, staff and committee (notices.read).
HTML_NOTICE_READERS_B = statuses(
    404, anonymous=302, other_household=200, committee_b=200, manager_b=200, admin=200
)  # fmt: skip


def own_notices(world, role):
    return {"owner": {world.notice_a.pk}, "tenant": {world.notice_a.pk}, "other_household": {world.notice_b.pk}}.get(
        role, set()
    )


# --- portal: self-help (portal.kb). The company's article is public; article B is estate B's (read like its
# notices); only residents answer, and only managers (kb.stats) see the counts.
HTML_KB_ANSWER_B = statuses(404, anonymous=302, other_household=302, committee_b=302, manager_b=302, admin=302)
KB_READERS_B = statuses(404, other_household=200, committee_b=200, manager_b=200, admin=200)
KB_READERS = {"owner": "a", "tenant": "a", "dispatcher": "a", "technician": "a", "manager": "a", "committee": "a",
              "other_household": "b", "committee_b": "b", "manager_b": "b"}  # fmt: skip


def kb_readable(world, role):
    """The company's article, and the estate's own for its readers (an admin reads both estates')."""
    if role == "admin":
        return {world.kb_company.pk, world.kb_a.pk, world.kb_b.pk}
    estate = KB_READERS.get(role)
    return {world.kb_company.pk} | ({getattr(world, f"kb_{estate}").pk} if estate else set())


def kb_suggested(world, role):
    """Suggestions come from the estates of the resident's homes (none for the newcomer) and the company."""
    homes = {"owner": "a", "tenant": "a", "other_household": "b"}.get(role)
    return {world.kb_company.pk} | ({getattr(world, f"kb_{homes}").pk} if homes else set())


# --- committee: the dashboard and supervision items (committee.supervision) ----------------------------------
# Items of estate B are made inside each role's rolled-back savepoint, when its URL is built: one awaiting the
# company's answer ("open"), one answered ("answered") and one answered and published ("published").
HTML_COMMITTEE_STEP_B = statuses(403, anonymous=302, committee=404, committee_b=302, admin=302)
COMPANY_B = statuses(403, anonymous=401, manager=404, manager_b=200, admin=200)
HTML_COMPANY_B = statuses(403, anonymous=302, manager=404, manager_b=200, admin=200)
ESTATE_B_SLUG = {"slug": lambda world: world.estate_b.slug}


def supervision_b(world, status="open"):
    """Estate B's item in `status` (open, answered, or published), raised by B's committee."""
    found = SupervisionItem.objects.filter(estate=world.estate_b, subject=f"督办-{status}").first()
    if found is not None:
        return found
    draft = supervision.Draft(subject=f"督办-{status}", details="请物业说明")
    item = supervision.supervision_raise(actor=world.users["committee_b"], estate_id=world.estate_b.pk, draft=draft)
    if status in ("answered", "published"):
        supervision.supervision_answer(item_id=item.pk, actor=world.users["manager_b"], answer="已处理")
    if status == "published":
        supervision.supervision_publish(item_id=item.pk, actor=world.users["committee_b"])
    return item


def supervision_url(name, status=None):
    """The URL of `name` in estate B, after making B's items (of `status` for an item URL)."""

    def url(world):
        items = {s: supervision_b(world, s) for s in ("open", "answered", "published")}
        kwargs = {"slug": world.estate_b.slug}
        if status:
            kwargs["pk"] = items[status].pk
        return reverse(name, kwargs=kwargs)

    return url


def supervision_ids_b(world, role):
    return set(SupervisionItem.objects.filter(estate=world.estate_b).values_list("pk", flat=True))


def published_ids_b(world, role):
    return set(
        SupervisionItem.objects.filter(estate=world.estate_b, published_at__isnull=False).values_list("pk", flat=True)
    )


def raise_body(world, user):
    return {"subject": "垃圾清运", "details": "每天只清一次", "about": "pattern"}


# --- committee: disclosures (公示, disclosures.publish: managers) and the document library ---------------------
# disclosure_b: published in estate B, with attachment_b and question_b (asked by B's household); disclosure_draft_b: a
# draft of B with draft_attachment_b; doc_res_b / doc_com_b: B's resident-level and committee-only documents.
DISCLOSURE_B = {**ESTATE_B, "pk": lambda world: world.disclosure_b.pk}
DISCLOSURE_DRAFT_B = {**ESTATE_B, "pk": lambda world: world.disclosure_draft_b.pk}
HTML_COMPANY_B_POSTED = statuses(403, anonymous=302, manager=404, manager_b=302, admin=302)
HTML_COMMITTEE_B_POSTED = statuses(403, anonymous=302, committee=404, committee_b=302, admin=302)
HTML_READERS_B = statuses(404, anonymous=302, other_household=200, committee_b=200, admin=200)
API_COMPANY_B = statuses(403, anonymous=401, manager=404, manager_b=200, admin=200)
API_READERS_B = statuses(404, anonymous=401, other_household=200, committee_b=200, admin=200)
FILE_READERS_B = statuses(404, anonymous=302, other_household=200, committee_b=200, manager_b=200, admin=200)


def with_status(table, code):
    return {role: code if status == 200 else status for role, status in table.items()}


def disclosure_form(world, user):
    return {
        "kind": "revenue",
        "title": "第二季度公共收益",
        "period_start": "2026-04-01",
        "period_end": "2026-06-30",
        "body": "停车费收入 8,000 元",
    }


def pdf_upload(world, user, field="file"):
    return {field: SimpleUploadedFile("收支表.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")}


def document_form(world, user):
    return {"title": "管理规约", "category": "covenant", "access": "residents", **pdf_upload(world, user)}


def company_entries(world, role):
    return {world.disclosure_b.pk, world.disclosure_draft_b.pk}


def published_b(world, role):
    return {world.disclosure_b.pk}


def documents_b(world, role):
    both = {world.doc_res_b.pk, world.doc_com_b.pk}
    return {world.doc_res_b.pk} if role == "other_household" else both


# --- feedback: survey campaigns and questionnaires (feedback.manage: managers) ---------------------------------
CAMPAIGN_B = {"pk": lambda world: world.campaign_b.pk}
INSTRUMENT_B = {"pk": lambda world: world.instrument_b.pk}
SURVEY_MANAGERS = statuses(403, anonymous=401, manager=200, manager_b=200, admin=200)
SURVEY_MANAGERS_OBJECT_B = statuses(403, anonymous=401, manager=404, manager_b=200, admin=200)
HTML_SURVEY_MANAGERS_OBJECT_B = statuses(403, anonymous=302, manager=404, manager_b=200, admin=200)
HTML_SURVEY_ACTION_ON_B = statuses(403, anonymous=302, manager=404, manager_b=302, admin=302)


def shared_instruments(world):
    return set(Instrument.objects.filter(estate__isnull=True).values_list("pk", flat=True))


def campaign_body(world, user):
    """A campaign of estate B over the shared questionnaire (the API's shape)."""
    shared = Instrument.objects.get(key="residential", status="published")
    return {
        "estate": "beta",
        "name": "乙小区年度调查",
        "instrument_id": shared.pk,
        "mode": "census",
        "opens_at": "2030-01-01T09:00:00+08:00",
        "closes_at": "2030-01-31T18:00:00+08:00",
    }


def campaign_form(world, user):
    shared = Instrument.objects.get(key="residential", status="published")
    return {
        "estate": world.estate_b.pk,
        "name": "乙小区年度调查",
        "instrument": shared.pk,
        "mode": "census",
        "margin": "5",
        "confidence": "95",
        "opens_at": "2030-01-01T09:00",
        "closes_at": "2030-01-31T18:00",
    }


def instrument_body(world, user):
    return {
        "estate": "beta",
        "key": "beta-quick",
        "name_zh": "乙小区快评",
        "name_en": "Beta quick",
        "purpose": "transactional",
        "format": "servperf",
    }


def instrument_form(world, user):
    return {**instrument_body(world, user), "estate": world.estate_b.pk}


def items_body(world, user):
    return {"items": [{"dimension": "courtesy", "text_zh": f"礼貌 {i}", "text_en": f"Polite {i}"} for i in (1, 2)]}


def items_form(world, user):
    rows = items_body(world, user)["items"]
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"items-{i}-{key}": value for key, value in row.items()})
    return data


CAMPAIGN_ROWS = [
    Row(
        "api-staff-campaigns",
        "GET",
        SURVEY_MANAGERS,
        named("api-staff-campaigns"),
        ids=by_estate(lambda w: {w.campaign_a.pk}, lambda w: {w.campaign_b.pk}),
    ),
    Row(
        "api-staff-campaigns",
        "POST",
        statuses(403, anonymous=401, manager=400, manager_b=201, admin=201),  # 400: "an estate where you run surveys"
        named("api-staff-campaigns"),
        body=campaign_body,
    ),
    Row("api-staff-campaign", "GET", SURVEY_MANAGERS_OBJECT_B, named("api-staff-campaign", **CAMPAIGN_B)),
    Row(
        "api-staff-campaign",
        "PUT",
        SURVEY_MANAGERS_OBJECT_B,
        named("api-staff-campaign", **CAMPAIGN_B),
        body=lambda world, user: {k: v for k, v in campaign_body(world, user).items() if k != "estate"},
    ),
    Row(
        "api-staff-campaign-launch", "POST", SURVEY_MANAGERS_OBJECT_B, named("api-staff-campaign-launch", **CAMPAIGN_B)
    ),
    Row(
        "api-staff-campaign-close",
        "POST",
        statuses(403, anonymous=401, manager=404, manager_b=409, admin=409),  # a draft is not running
        named("api-staff-campaign-close", **CAMPAIGN_B),
    ),
    Row(
        "api-staff-campaign-response-rates",
        "GET",
        SURVEY_MANAGERS_OBJECT_B,
        named("api-staff-campaign-response-rates", **CAMPAIGN_B),
    ),
    Row(
        "api-staff-instruments",
        "GET",
        SURVEY_MANAGERS,
        named("api-staff-instruments"),
        ids=by_estate(shared_instruments, lambda w: shared_instruments(w) | {w.instrument_b.pk}),
    ),
    Row(
        "api-staff-instruments",
        "POST",
        statuses(403, anonymous=401, manager=400, manager_b=201, admin=201),
        named("api-staff-instruments"),
        body=instrument_body,
    ),
    Row("api-staff-instrument", "GET", SURVEY_MANAGERS_OBJECT_B, named("api-staff-instrument", **INSTRUMENT_B)),
    Row(
        "api-staff-instrument-items",
        "PUT",
        SURVEY_MANAGERS_OBJECT_B,
        named("api-staff-instrument-items", **INSTRUMENT_B),
        body=items_body,
    ),
    Row(
        "api-staff-instrument-publish",
        "POST",
        SURVEY_MANAGERS_OBJECT_B,
        named("api-staff-instrument-publish", **INSTRUMENT_B),
    ),
    Row(
        "api-staff-instrument-new-version",
        "POST",
        statuses(403, anonymous=401, manager=404, manager_b=201, admin=201),
        named("api-staff-instrument-new-version", **INSTRUMENT_B),
    ),
    # HTML
    Row(
        "staff-campaigns",
        "GET",
        HTML_MANAGERS,
        named("staff-campaigns"),
        api=False,
        ids=by_estate(lambda w: {w.campaign_a.pk}, lambda w: {w.campaign_b.pk}),
        ids_in=ids_linked(r'href="/staff/campaigns/(\d+)/"'),
    ),
    Row("staff-campaign-new", "GET", HTML_MANAGERS, named("staff-campaign-new"), api=False),
    Row(
        "staff-campaign-new",
        "POST",
        # estate A's manager is not offered estate B: the form comes back with the error (200)
        statuses(403, anonymous=302, manager=200, manager_b=302, admin=302),
        named("staff-campaign-new"),
        api=False,
        body=campaign_form,
    ),
    Row("staff-campaign", "GET", HTML_SURVEY_MANAGERS_OBJECT_B, named("staff-campaign", **CAMPAIGN_B), api=False),
    Row(
        "staff-campaign-edit",
        "GET",
        HTML_SURVEY_MANAGERS_OBJECT_B,
        named("staff-campaign-edit", **CAMPAIGN_B),
        api=False,
    ),
    Row(
        "staff-campaign-edit",
        "POST",
        HTML_SURVEY_ACTION_ON_B,
        named("staff-campaign-edit", **CAMPAIGN_B),
        api=False,
        body=campaign_form,
    ),
    Row(
        "staff-campaign-launch",
        "POST",
        HTML_SURVEY_ACTION_ON_B,
        named("staff-campaign-launch", **CAMPAIGN_B),
        api=False,
    ),
    Row(
        "staff-campaign-close", "POST", HTML_SURVEY_ACTION_ON_B, named("staff-campaign-close", **CAMPAIGN_B), api=False
    ),
    Row(
        "staff-instruments",
        "GET",
        HTML_MANAGERS,
        named("staff-instruments"),
        api=False,
        ids=by_estate(shared_instruments, lambda w: shared_instruments(w) | {w.instrument_b.pk}),
        ids_in=ids_linked(r'href="/staff/instruments/(\d+)/"'),
    ),
    Row("staff-instrument-new", "GET", HTML_MANAGERS, named("staff-instrument-new"), api=False),
    Row(
        "staff-instrument-new",
        "POST",
        statuses(403, anonymous=302, manager=200, manager_b=302, admin=302),
        named("staff-instrument-new"),
        api=False,
        body=instrument_form,
    ),
    Row("staff-instrument", "GET", HTML_SURVEY_MANAGERS_OBJECT_B, named("staff-instrument", **INSTRUMENT_B), api=False),
    Row(
        "staff-instrument-items",
        "GET",
        HTML_SURVEY_MANAGERS_OBJECT_B,
        named("staff-instrument-items", **INSTRUMENT_B),
        api=False,
    ),
    Row(
        "staff-instrument-items",
        "POST",
        HTML_SURVEY_ACTION_ON_B,
        named("staff-instrument-items", **INSTRUMENT_B),
        api=False,
        body=items_form,
    ),
    Row(
        "staff-instrument-publish",
        "POST",
        HTML_SURVEY_ACTION_ON_B,
        named("staff-instrument-publish", **INSTRUMENT_B),
        api=False,
    ),
    Row(
        "staff-instrument-new-version",
        "POST",
        HTML_SURVEY_ACTION_ON_B,
        named("staff-instrument-new-version", **INSTRUMENT_B),
        api=False,
    ),
]

# --- committee members and meetings (committee.view / committee.manage): objects of estate B ----------------------
BETA = {"estate": lambda world: "beta"}
MEETING_B = {"estate": lambda world: "beta", "pk": lambda world: world.meeting_b.pk}
MINUTES_B = {"estate": lambda world: "beta", "pk": lambda world: world.minutes_b.pk}
SEAT_B = {"estate": lambda world: "beta", "pk": lambda world: world.seat_b.pk}
# residents of estate B only: the others answer 404 (a person record elsewhere) or 403 (no person record: staff)
RESIDENTS_OF_B = statuses(403, anonymous=401, owner=404, tenant=404, newcomer=404, other_household=200)
HTML_RESIDENTS_OF_B = statuses(404, anonymous=302, other_household=200)
MEETINGS_BY_ESTATE = by_estate(lambda w: {w.meeting_a.pk, w.minutes_a.pk}, lambda w: {w.meeting_b.pk, w.minutes_b.pk})
RULES_BODY = {"notice_days": 15, "voting_days_min": 5, "voting_days_max": 60, "members_min": 5, "members_max": 11,
              "members_odd": True, "term_years_max": 5, "filing_days": 30, "publish_days": 3,
              "supervision_answer_days": 7, "spot_check_size": 5}  # fmt: skip


def term_body(world, user):
    today = timezone.localdate()
    return {"elected_on": today - timedelta(days=30), "term_start": today - timedelta(days=30),
            "term_end": today + timedelta(days=900)}  # fmt: skip


def seat_body(world, user):
    """B's household (unit 1号楼-0101) as a member."""
    return {"building": "1号楼", "unit": "0101", "full_name": world.users["other_household"].person.full_name,
            "role": "member"}  # fmt: skip


def meeting_body(world, user):
    return {"title": "临时会议", "scheduled_at": "2030-01-07T19:00:00+08:00", "agenda": [{"title": "议题"}]}


def hold_body(world, user):
    return {
        "held_on": timezone.localdate(),
        "present": [world.seat_b.pk],
        "minutes": "纪要",
        "decisions": [{"item_id": world.item_b.pk, "votes": [{"member_id": world.seat_b.pk, "choice": "for"}]}],
    }


def hold_form(world, user):
    return {
        "held_on": timezone.localdate(),
        "minutes": "纪要",
        f"present_{world.seat_b.pk}": "on",
        f"vote_{world.item_b.pk}_{world.seat_b.pk}": "for",
    }


def prefixed(body, prefix):
    return lambda world, user: {f"{prefix}-{k}": v for k, v in body(world, user).items()} | {prefix: ""}


COMMITTEE_ROWS = [
    Row("api-committee-rules", "GET", COMMITTEE_B, named("api-committee-rules", **BETA)),
    Row("api-committee-rules", "PUT", COMMITTEE_B, named("api-committee-rules", **BETA),
        body=lambda world, user: RULES_BODY),
    Row("api-committee-term", "GET", COMMITTEE_B, named("api-committee-term", **BETA)),
    Row("api-committee-term", "POST", statuses(403, anonymous=401, committee=404, committee_b=409, admin=409),
        named("api-committee-term", **BETA), body=term_body),  # the current committee has not ended
    Row("api-committee-term", "PUT", COMMITTEE_B, named("api-committee-term", **BETA), body=term_body),
    Row("api-committee-term-end", "POST", statuses(403, anonymous=401, committee=404, committee_b=204, admin=204),
        named("api-committee-term-end", **BETA)),
    Row("api-committee-members", "GET", COMMITTEE_B, named("api-committee-members", **BETA),
        ids=lambda world, role: {world.seat_b.pk}),
    Row("api-committee-members", "POST", statuses(403, anonymous=401, committee=404, committee_b=201, admin=201),
        named("api-committee-members", **BETA), body=seat_body),
    Row("api-committee-member-end", "POST", COMMITTEE_B, named("api-committee-member-end", **SEAT_B)),
    Row("api-my-committee-members", "GET", RESIDENTS_OF_B, named("api-my-committee-members", **BETA),
        ids=lambda world, role: {None}, ids_in=lambda response: [None for _row in response.json()["results"]]),
    Row("api-committee-meetings", "GET", COMMITTEE_B, named("api-committee-meetings", **BETA),
        ids=lambda world, role: {world.meeting_b.pk, world.minutes_b.pk}),
    Row("api-committee-meetings", "POST", statuses(403, anonymous=401, committee=404, committee_b=201, admin=201),
        named("api-committee-meetings", **BETA), body=meeting_body),
    Row("api-committee-meeting", "GET", COMMITTEE_B, named("api-committee-meeting", **MEETING_B)),
    Row("api-committee-meeting-hold", "POST", COMMITTEE_B, named("api-committee-meeting-hold", **MEETING_B),
        body=hold_body),
    Row("api-committee-meeting-minutes", "PUT", statuses(403, anonymous=401, committee=404, committee_b=409,
        admin=409), named("api-committee-meeting-minutes", **MEETING_B),
        body=lambda world, user: {"minutes": "改"}),  # planned: nothing to correct yet
    *(Row(f"api-committee-meeting-{step}", "POST",
          statuses(403, anonymous=401, committee=404, committee_b=answer, admin=answer),
          named(f"api-committee-meeting-{step}", **MEETING_B), body=lambda world, user: {})
      for step, answer in (("approve", 409), ("publish", 409), ("cancel", 200))),
    Row("api-my-committee-minutes", "GET", RESIDENTS_OF_B, named("api-my-committee-minutes", **BETA),
        ids=lambda world, role: {world.minutes_b.pk}),
    Row("api-my-committee-minute", "GET", RESIDENTS_OF_B, named("api-my-committee-minute", **MINUTES_B)),
    # --- HTML ---
    Row("committee-rules", "GET", HTML_COMMITTEE_B, named("committee-rules", **BETA), api=False),
    Row("committee-rules", "POST", HTML_COMMITTEE_B_POSTED, named("committee-rules", **BETA), api=False,
        body=lambda world, user: RULES_BODY),
    Row("committee-members", "GET", HTML_COMMITTEE_B, named("committee-members", **BETA), api=False),
    Row("committee-members", "POST", HTML_COMMITTEE_B_POSTED, named("committee-members", **BETA), api=False,
        body=prefixed(seat_body, "seat")),
    Row("committee-member-end", "POST", HTML_COMMITTEE_B_POSTED, named("committee-member-end", **SEAT_B),
        api=False),
    Row("committee-term-end", "POST", HTML_COMMITTEE_B_POSTED, named("committee-term-end", **BETA), api=False),
    Row("committee-meetings", "GET", HTML_COMMITTEE_B, named("committee-meetings", **BETA), api=False,
        ids=lambda world, role: {world.meeting_b.pk, world.minutes_b.pk},
        ids_in=ids_linked(r'href="/committee/beta/meetings/(\d+)/"')),
    Row("committee-meeting-new", "GET", HTML_COMMITTEE_B, named("committee-meeting-new", **BETA), api=False),
    Row("committee-meeting-new", "POST", HTML_COMMITTEE_B_POSTED, named("committee-meeting-new", **BETA),
        api=False, body=lambda world, user: {"title": "临时会议", "scheduled_at": "2030-01-07T19:00",
                                             "decide": "议题"}),
    Row("committee-meeting", "GET", HTML_COMMITTEE_B, named("committee-meeting", **MEETING_B), api=False),
    Row("committee-meeting", "POST", HTML_COMMITTEE_B_POSTED, named("committee-meeting", **MEETING_B), api=False,
        body=lambda world, user: {"action": "cancel"}),
    Row("committee-meeting-hold", "GET", HTML_COMMITTEE_B, named("committee-meeting-hold", **MEETING_B),
        api=False),
    Row("committee-meeting-hold", "POST", HTML_COMMITTEE_B_POSTED, named("committee-meeting-hold", **MEETING_B),
        api=False, body=hold_form),
    Row("committee-public-members", "GET", HTML_RESIDENTS_OF_B, named("committee-public-members", **BETA),
        api=False),
    Row("committee-public-minutes", "GET", HTML_RESIDENTS_OF_B, named("committee-public-minutes", **BETA),
        api=False, ids=lambda world, role: {world.minutes_b.pk},
        ids_in=ids_linked(r'href="/me/committee/beta/minutes/(\d+)/"')),
    Row("committee-public-minute", "GET", HTML_RESIDENTS_OF_B, named("committee-public-minute", **MINUTES_B),
        api=False),
]  # fmt: skip


POLICY = [
    # --- /api/v1/: authentication -----------------------------------------------------------------------
    # The token endpoint has no authenticator to name in WWW-Authenticate, so a refusal is a 403.
    Row("api-token", "POST", statuses(403, residents=200), literal("/api/v1/auth/token/"), body=credentials),
    Row(
        "api-signup",
        "POST",
        statuses(201),
        named("api-signup"),
        body=lambda world, user: {
            "full_name": "新住户",
            "phone": "13700001111",
            "password": "a long and uncommon passphrase",
            "accept_privacy_notice": True,
        },
    ),
    # --- /api/v1/me/: the resident's own data -------------------------------------------------------------
    Row("api-me", "GET", RESIDENT_ONLY, named("api-me"), own_phone=True),
    Row(
        "api-me-preferences",
        "PUT",
        RESIDENT_ONLY,
        named("api-me-preferences"),
        body=lambda world, user: {"channels": ["in_app"], "language": "en"},
        own_phone=True,
    ),
    Row("api-my-units", "GET", RESIDENT_ONLY, named("api-my-units"), ids=own_units),
    Row("api-my-claims", "GET", RESIDENT_ONLY, named("api-my-claims"), ids=own_claims),
    Row(
        "api-my-claims",
        "POST",
        statuses(403, anonymous=401, residents=201, other_household=400),  # other_household owns unit B already
        named("api-my-claims"),
        body=claim_unit_b,
    ),
    Row(
        "api-my-claim",
        "GET",
        statuses(403, anonymous=401, residents=404),
        named("api-my-claim", **CLAIM_B),
        variant="claim B",
    ),
    Row(
        "api-my-claim",
        "GET",
        statuses(403, anonymous=401, residents=404, newcomer=200),
        named("api-my-claim", pk=lambda world: world.claim_a.pk),
        variant="newcomer's claim",
    ),
    # --- /api/v1/staff/: the registry -------------------------------------------------------------------
    Row(
        "api-staff-estates",
        "GET",
        REGISTRY,
        named("api-staff-estates"),
        ids=by_estate(lambda w: {w.estate_a.pk}, lambda w: {w.estate_b.pk}),
    ),
    Row("api-staff-estate", "GET", REGISTRY_OBJECT_B, named("api-staff-estate", slug=lambda world: "beta")),
    Row(
        "api-staff-buildings",
        "GET",
        REGISTRY,
        named("api-staff-buildings"),
        ids=by_estate(lambda w: {w.unit_a.building_id}, lambda w: {w.unit_b.building_id}),
    ),
    Row("api-staff-units", "GET", REGISTRY, named("api-staff-units"), ids=by_estate(units_a, units_b)),
    Row("api-staff-unit", "GET", REGISTRY_OBJECT_B, named("api-staff-unit", pk=lambda world: world.unit_b.pk)),
    Row(
        "api-staff-common-areas",
        "GET",
        REGISTRY,
        named("api-staff-common-areas"),
        ids=by_estate(
            lambda w: set(CommonArea.objects.filter(name="A lift").values_list("pk", flat=True)),
            lambda w: set(CommonArea.objects.filter(name="B lift").values_list("pk", flat=True)),
        ),
    ),
    # --- /api/v1/staff/: people and claims --------------------------------------------------------------
    Row("api-staff-people", "GET", DECIDERS, named("api-staff-people"), ids=by_estate(claimants_a, claimants_b)),
    Row(
        "api-staff-person-reveal-phone",
        "POST",
        DECIDERS_OBJECT_B,
        named("api-staff-person-reveal-phone", **PERSON_B),
        reveals=("manager_b", "admin"),
    ),
    Row(
        "api-staff-claims",
        "GET",
        DECIDERS,
        named("api-staff-claims"),
        ids=by_estate(lambda w: {w.claim_a.pk}, lambda w: {w.claim_b.pk}),
    ),
    Row("api-staff-claim-approve", "POST", DECIDERS_OBJECT_B, named("api-staff-claim-approve", **CLAIM_B)),
    # --- /api/v1/me/data/ and /api/v1/staff/deletion-requests/: data-subject rights ----------------------
    Row("api-my-data", "GET", RESIDENT_ONLY, named("api-my-data"), own_phone=True),
    Row(
        "api-my-data-deletion",
        "POST",
        statuses(403, anonymous=401, residents=201, other_household=409),  # B's household has asked already
        named("api-my-data-deletion"),
        body=lambda world, user: {"password": PASSWORD},
    ),
    Row(
        "api-staff-deletion-requests",
        "GET",
        MANAGERS,
        named("api-staff-deletion-requests"),
        ids=by_estate(lambda w: set(), lambda w: {w.deletion_b.pk}),
    ),
    Row(
        "api-staff-deletion-request-erase",
        "POST",
        MANAGERS_OBJECT_B,
        named("api-staff-deletion-request-erase", **DELETION_B),
    ),
    Row(
        "api-staff-deletion-request-refuse",
        "POST",
        MANAGERS_OBJECT_B,
        named("api-staff-deletion-request-refuse", **DELETION_B),
        body=lambda world, user: {"reason": "欠费纠纷未结"},
    ),
    Row(
        "api-staff-claim-reject",
        "POST",
        DECIDERS_OBJECT_B,
        named("api-staff-claim-reject", **CLAIM_B),
        body=lambda world, user: {"reason": "No deed on file."},
    ),
    Row(
        "api-staff-imports",
        "POST",
        statuses(403, anonymous=401, manager=400, manager_b=200, admin=200),  # 400: "not an estate you manage"
        named("api-staff-imports"),
        body=registry_file_for_estate_b,
        format="multipart",
    ),
    # --- /api/v1/: repairs ---------------------------------------------------------------------------------
    Row("api-my-repairs", "GET", RESIDENT_ONLY, named("api-my-repairs"), ids=household_orders),
    Row(
        "api-my-repairs",
        "POST",
        statuses(403, anonymous=401, residents=400, other_household=201),  # 400: "only your own home"
        named("api-my-repairs"),
        body=lambda world, user: {"trade": "plumbing", "description": "漏水", "unit_id": world.unit_b.pk},
    ),
    Row(
        "api-my-repair",
        "GET",
        statuses(403, anonymous=401, residents=404, other_household=200),
        named("api-my-repair", **ORDER_B),
    ),
    *(
        Row(
            f"api-my-repair-{action}",
            "POST",
            statuses(403, anonymous=401, residents=404, other_household=answer),
            named(f"api-my-repair-{action}", **ORDER_B),
            body=action_body(body),
        )
        for action, (body, answer) in RESIDENT_ACTION_ON_B.items()
    ),
    Row(
        "api-staff-work-orders",
        "GET",
        statuses(403, anonymous=401, registry_a=200, manager_b=200, admin=200),
        named("api-staff-work-orders"),
        ids=staff_orders,
    ),
    Row(
        "api-staff-work-orders",
        "POST",
        # a phone report for unit B: only staff who take reports in estate B
        statuses(403, anonymous=401, manager_b=201, admin=201),
        named("api-staff-work-orders"),
        body=report_for_unit_b,
    ),
    Row(
        "api-staff-work-order",
        "GET",
        statuses(403, anonymous=401, registry_a=404, manager_b=200, admin=200),
        named("api-staff-work-order", **ORDER_B),
    ),
    Row(
        "api-my-repair-photos",
        "POST",
        statuses(403, anonymous=401, residents=404, other_household=201),
        named("api-my-repair-photos", **ORDER_B),
        body=photo_upload,
        format="multipart",
    ),
    Row(
        "api-staff-work-order-reveal-contact-phone",
        "POST",
        # people.reveal_phone in estate B; order B's contact phone (an Open311 caller's) is shown to them only
        statuses(403, anonymous=401, registry_a=404, manager_b=200, admin=200),
        named("api-staff-work-order-reveal-contact-phone", **ORDER_B),
        reveals=("manager_b", "admin"),
    ),
    Row(
        "api-staff-work-order-photos",
        "POST",
        # an after-photo needs the order in progress: manager_b and admin reach the state check (409)
        statuses(403, anonymous=401, registry_a=404, manager_b=409, admin=409),
        named("api-staff-work-order-photos", **ORDER_B),
        body=photo_upload,
        format="multipart",
    ),
    Row(
        "api-staff-repair-report",
        "GET",
        statuses(403, anonymous=401, deciders_a=400, manager_b=400, admin=400),  # 400: estate and month missing
        named("api-staff-repair-report"),
    ),
    Row(
        "api-staff-work-order-duplicates",
        "GET",
        statuses(403, anonymous=401, registry_a=404, manager_b=200, admin=200),
        named("api-staff-work-order-duplicates", **ORDER_B),
    ),
    Row(
        "api-staff-work-orders-bulk-assign",
        "POST",
        # order B is out of estate A's scope (400, named as unknown); for B's staff it is not yet accepted (409)
        statuses(403, anonymous=401, deciders_a=400, manager_b=409, admin=409),
        named("api-staff-work-orders-bulk-assign"),
        body=lambda world, user: {"orders": [{"id": world.order_b.pk}], "technician_id": world.users["technician"].pk},
    ),
    Row(
        "api-staff-follow-ups",
        "GET",
        statuses(403, anonymous=401, deciders_a=200, manager_b=200, admin=200),
        named("api-staff-follow-ups"),
    ),
    Row(
        "api-staff-work-order-suggestions",
        "GET",
        statuses(403, anonymous=401, registry_a=404, manager_b=200, admin=200),
        named("api-staff-work-order-suggestions", **ORDER_B),
    ),
    *(
        Row(
            f"api-staff-work-order-{action}",
            "POST",
            statuses(403, anonymous=401, registry_a=404, manager_b=answer, admin=answer),
            named(f"api-staff-work-order-{action}", **ORDER_B),
            body=action_body(body),
        )
        for action, (body, answer) in STAFF_ACTION_ON_B.items()
    ),
    # --- /open311/v2/: GeoReport v2. The services list is public; requests need an Open311 api_key, which no
    # role has (a session or token is not a key), so every role gets the spec's 403 (tests/repairs/test_open311_*
    # cover keyed callers) -------------------------------------------------------------------------------------
    *(
        row
        for fmt in ("json", "xml")
        for row in (
            Row(f"open311-services-{fmt}", "GET", statuses(200), named(f"open311-services-{fmt}")),
            Row(
                f"open311-service-{fmt}",
                "GET",
                statuses(200),
                named(f"open311-service-{fmt}", service_code=lambda world: "plumbing"),
            ),
            Row(f"open311-requests-{fmt}", "GET", statuses(403), named(f"open311-requests-{fmt}")),
            Row(
                f"open311-requests-{fmt}",
                "POST",
                statuses(403),
                named(f"open311-requests-{fmt}"),
                body=lambda world, user: {
                    "service_code": "plumbing",
                    "description": "漏水",
                    "address_id": "1号楼-0101",
                },
            ),
            Row(f"open311-request-{fmt}", "GET", statuses(403), named(f"open311-request-{fmt}", **ORDER_B)),
        )
    ),
    # --- /api/v1/: outages ------------------------------------------------------------------------------------
    Row("api-my-incidents", "GET", RESIDENT_ONLY, named("api-my-incidents"), ids=own_incidents),
    Row(
        "api-staff-incidents",
        "GET",
        DISPATCHERS,
        named("api-staff-incidents"),
        ids=by_estate(lambda w: {w.incident_a.pk}, lambda w: {w.incident_b.pk}),
    ),
    Row(
        "api-staff-incidents",
        "POST",
        statuses(403, anonymous=401, deciders_a=400, manager_b=201, admin=201),  # 400: not an estate they serve
        named("api-staff-incidents"),
        body=incident_for_estate_b,
    ),
    Row("api-staff-incident", "GET", DISPATCHERS_OBJECT_B, named("api-staff-incident", **INCIDENT_B)),
    Row(
        "api-staff-incident",
        "PATCH",
        DISPATCHERS_OBJECT_B,
        named("api-staff-incident", **INCIDENT_B),
        body=lambda world, user: {"description": "水泵更换中"},
    ),
    Row(
        "api-staff-incident-end",
        "POST",
        DISPATCHERS_OBJECT_B,
        named("api-staff-incident-end", **INCIDENT_B),
        body=lambda world, user: {"resolution_note": "已恢复供水"},
    ),
    # --- /api/v1/: planned maintenance (managers), a planned order's checklist ------------------------------
    Row("api-staff-maintenance-plans", "GET", MANAGERS, named("api-staff-maintenance-plans"), ids=PLANS_BY_ESTATE),
    Row(
        "api-staff-maintenance-plans",
        "POST",
        statuses(403, anonymous=401, manager=400, manager_b=201, admin=201),  # 400: "an estate you manage"
        named("api-staff-maintenance-plans"),
        body=lambda world, user: {**plan_body(world, user), "estate": "beta"},
    ),
    Row("api-staff-maintenance-plan", "GET", MANAGERS_OBJECT_B, named("api-staff-maintenance-plan", **PLAN_B)),
    Row(
        "api-staff-maintenance-plan",
        "PUT",
        MANAGERS_OBJECT_B,
        named("api-staff-maintenance-plan", **PLAN_B),
        body=plan_body,
    ),
    Row(
        "api-staff-maintenance-plan-deactivate",
        "POST",
        MANAGERS_OBJECT_B,
        named("api-staff-maintenance-plan-deactivate", **PLAN_B),
    ),
    Row(
        "api-staff-work-order-checklist-item",
        "POST",
        # order B is only submitted: B's manager and the admin reach the state check (409)
        statuses(403, anonymous=401, registry_a=404, manager_b=409, admin=409),
        named("api-staff-work-order-checklist-item", **ORDER_B, item_id=lambda world: world.checklist_b.pk),
        body=lambda world, user: {"done": True},
    ),
    # --- /api/v1/: complaints, suggestions and praise -------------------------------------------------------
    Row("api-my-complaints", "GET", RESIDENT_ONLY, named("api-my-complaints"), ids=own_complaints),
    Row(
        "api-my-complaints",
        "POST",
        statuses(403, anonymous=401, residents=400, other_household=201),  # 400: not an estate they live in
        named("api-my-complaints"),
        body=complaint_for_estate_b,
    ),
    Row(
        "api-my-complaint",
        "GET",
        statuses(403, anonymous=401, residents=404, other_household=200),
        named("api-my-complaint", **COMPLAINT_B),
    ),
    *(
        Row(
            f"api-my-complaint-{step}",
            "POST",
            statuses(403, anonymous=401, residents=404, other_household=answer),
            named(f"api-my-complaint-{step}", **COMPLAINT_B),
            body=action_body(body),
        )
        for step, (body, answer) in RESIDENT_COMPLAINT_STEPS.items()
    ),
    Row("api-staff-complaints", "GET", COMPLAINT_HANDLERS, named("api-staff-complaints"), ids=COMPLAINTS_BY_ESTATE),
    Row(
        "api-staff-complaint",
        "GET",
        statuses(403, anonymous=401, deciders_a=404, manager_b=200, admin=200),
        named("api-staff-complaint", **COMPLAINT_B),
    ),
    Row(
        "api-staff-complaint",
        "GET",
        statuses(403, anonymous=401, deciders_a=404, manager_b=404, admin=404),  # not forwarded: staff never see it
        named("api-staff-complaint", **COMMITTEE_ITEM_B),
        variant="committee item",
    ),
    *(
        Row(
            f"api-staff-complaint-{step}",
            "POST",
            statuses(403, anonymous=401, deciders_a=404, manager_b=answer, admin=answer),
            named(f"api-staff-complaint-{step}", **COMPLAINT_B),
            body=action_body(body),
        )
        for step, (body, answer) in STAFF_COMPLAINT_STEPS.items()
    ),
    Row(
        "api-committee-complaints",
        "GET",
        COMMITTEE_MEMBERS,
        named("api-committee-complaints"),
        ids=COMMITTEE_ITEMS_BY_ESTATE,
    ),
    Row(
        "api-committee-complaint",
        "GET",
        statuses(403, anonymous=401, committee=404, committee_b=200, admin=200),
        named("api-committee-complaint", **COMMITTEE_ITEM_B),
    ),
    *(
        Row(
            f"api-committee-complaint-{step}",
            "POST",
            statuses(403, anonymous=401, committee=404, committee_b=answer, admin=answer),
            named(f"api-committee-complaint-{step}", **COMMITTEE_ITEM_B),
            body=action_body(body),
        )
        for step, (body, answer) in COMMITTEE_COMPLAINT_STEPS.items()
    ),
    # --- /api/v1/me/surveys/: only the person asked ---------------------------------------------------------
    Row("api-my-surveys", "GET", RESIDENT_ONLY, named("api-my-surveys"), ids=own_surveys),
    Row(
        "api-my-survey",
        "GET",
        statuses(403, anonymous=401, residents=404, other_household=200),
        named("api-my-survey", **SURVEY_B),
    ),
    Row(
        "api-my-survey-draft",
        "PUT",
        statuses(403, anonymous=401, residents=404, other_household=200),
        named("api-my-survey-draft", **SURVEY_B),
        body=lambda world, user: {"answers": {}, "comment": "稍后再填"},
    ),
    Row(
        "api-my-survey-response",
        "POST",
        statuses(403, anonymous=401, residents=404, other_household=201),
        named("api-my-survey-response", **SURVEY_B),
        body=answers_to_survey_b,
    ),
    # --- /api/v1/staff/survey-responses/: ratings worth a reply (complaints.handle) --------------------------
    Row(
        "api-staff-survey-responses",
        "GET",
        COMPLAINT_HANDLERS,
        named("api-staff-survey-responses"),
        ids=RATINGS_BY_ESTATE,
    ),
    Row(
        "api-staff-survey-response-reply",
        "POST",
        statuses(403, anonymous=401, deciders_a=404, manager_b=201, admin=201),
        named("api-staff-survey-response-reply", **RATED_B),
        body=lambda world, user: {"body": "感谢反馈，我们会改进"},
    ),
    *CAMPAIGN_ROWS,
    # --- the schema and its UI: staff only (ASVS 13.4.5) --------------------------------------------------
    Row("api-schema", "GET", STAFF_SCHEMA, named("api-schema")),
    Row("api-docs", "GET", STAFF_SCHEMA, named("api-docs")),
    # --- HTML: accounts -------------------------------------------------------------------------------------
    Row(
        "set_language",
        "POST",
        statuses(302),
        named("set_language"),
        api=False,
        body=lambda world, user: {"language": "en"},
    ),
    Row("account-login", "GET", statuses(302, anonymous=200), named("account-login"), api=False),
    Row("account-logout", "POST", statuses(302), named("account-logout"), api=False),
    Row("account-signup", "GET", statuses(200), named("account-signup"), api=False),
    Row("account-two-factor", "GET", statuses(200, anonymous=302), named("account-two-factor"), api=False),
    # --- HTML: 'my home' --------------------------------------------------------------------------------
    Row("home-dashboard", "GET", statuses(302), named("home-dashboard"), api=False),  # sign-in lands here
    Row("resident-dashboard", "GET", HTML_RESIDENT_ONLY, named("resident-dashboard"), api=False),
    Row("resident-claim", "GET", HTML_RESIDENT_ONLY, named("resident-claim"), api=False),
    Row("resident-preferences", "GET", HTML_RESIDENT_ONLY, named("resident-preferences"), api=False),
    Row("mydata", "GET", HTML_RESIDENT_ONLY, named("mydata"), api=False),
    Row("mydata-export", "GET", HTML_RESIDENT_ONLY, named("mydata-export"), api=False, own_phone=True),
    Row(
        "mydata-deletion",
        "POST",
        statuses(302, other_household=200),  # asked already: the page again, with the error
        named("mydata-deletion"),
        api=False,
        body=lambda world, user: {"password": PASSWORD},
    ),
    # --- HTML: surveys ----------------------------------------------------------------------------------
    Row(
        "feedback-my-surveys",
        "GET",
        HTML_RESIDENT_ONLY,
        named("feedback-my-surveys"),
        api=False,
        ids=own_surveys,
        ids_in=ids_linked(r'href="/me/surveys/(\d+)/"'),
    ),
    Row(
        "feedback-survey",
        "GET",
        statuses(404, anonymous=302, other_household=200),
        named("feedback-survey", **SURVEY_B),
        api=False,
    ),
    Row(
        "feedback-survey",
        "POST",
        statuses(404, anonymous=302, other_household=302),
        named("feedback-survey", **SURVEY_B),
        api=False,
        body=lambda world, user: {"save": "1", "comment": "稍后再填"},
    ),
    Row("staff-repair-survey-figures", "GET", HTML_MANAGERS, named("staff-repair-survey-figures"), api=False),
    Row(
        "staff-survey-responses",
        "GET",
        statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200),
        named("staff-survey-responses"),
        api=False,
        ids=RATINGS_BY_ESTATE,
        ids_in=ids_linked(r'id="response-(\d+)"'),
    ),
    Row(
        "staff-survey-response-reply",
        "POST",
        statuses(403, anonymous=302, deciders_a=404, manager_b=302, admin=302),
        named("staff-survey-response-reply", **RATED_B),
        api=False,
        body=lambda world, user: {"body": "感谢反馈，我们会改进"},
    ),
    # --- HTML: the staff console ----------------------------------------------------------------------
    Row("staff-dashboard", "GET", HTML_REGISTRY, named("staff-dashboard"), api=False),
    Row(
        "staff-estate",
        "GET",
        statuses(403, anonymous=302, registry_a=404, manager_b=200, admin=200),
        named("staff-estate", slug=lambda world: "beta"),
        api=False,
    ),
    Row(
        "staff-import",
        "GET",
        statuses(403, anonymous=302, manager=200, manager_b=200, admin=200),
        named("staff-import"),
        api=False,
    ),
    Row(
        "staff-claims",
        "GET",
        HTML_DECIDERS,
        named("staff-claims"),
        api=False,
        ids=by_estate(lambda w: {w.claim_a.pk}, lambda w: {w.claim_b.pk}),
        ids_in=claim_ids_in_page,
    ),
    Row("staff-claim-approve", "POST", HTML_DECIDE_CLAIM_B, named("staff-claim-approve", **HTML_CLAIM_B), api=False),
    Row(
        "staff-deletion-requests",
        "GET",
        HTML_MANAGERS,
        named("staff-deletion-requests"),
        api=False,
        ids=by_estate(lambda w: set(), lambda w: {w.deletion_b.pk}),
        ids_in=ids_linked(r"/staff/deletion-requests/(\d+)/erase/"),
    ),
    *(
        Row(
            f"staff-deletion-request-{decision}",
            "POST",
            statuses(403, anonymous=302, manager=404, manager_b=302, admin=302),
            named(f"staff-deletion-request-{decision}", request_id=lambda world: world.deletion_b.pk),
            api=False,
            body=lambda world, user: {"reason": "欠费纠纷未结"},
        )
        for decision in ("erase", "refuse")
    ),
    Row(
        "staff-claim-reject",
        "POST",
        HTML_DECIDE_CLAIM_B,
        named("staff-claim-reject", **HTML_CLAIM_B),
        api=False,
        body=lambda world, user: {"reason": "No deed on file."},
    ),
    # --- HTML: repairs ---------------------------------------------------------------------------------
    Row(
        "repairs-mine",
        "GET",
        statuses(200, anonymous=302),
        named("repairs-mine"),
        api=False,
        ids=household_orders,
        ids_in=ids_linked(r'href="/repairs/(\d+)/"'),
    ),
    # without a home (newcomer, staff) the form sends you to claim one first
    Row(
        "repairs-new", "GET", statuses(302, owner=200, tenant=200, other_household=200), named("repairs-new"), api=False
    ),
    Row(
        "repairs-detail",
        "GET",
        statuses(404, anonymous=302, other_household=200),
        named("repairs-detail", **ORDER_B),
        api=False,
    ),
    Row(
        "repairs-photo",
        "GET",
        # technicians see only assigned orders' photos; dispatchers and managers of estate A: 404
        statuses(404, anonymous=302, other_household=200, manager_b=200, admin=200),
        named("repairs-photo", pk=lambda world: world.photo_b.pk),
        api=False,
    ),
    Row(
        "repairs-detail",
        "POST",
        statuses(404, anonymous=302, other_household=302),
        named("repairs-detail", **ORDER_B),
        api=False,
        body=lambda world, user: {"action": "cancel"},
    ),
    Row(
        "staff-work-orders",
        "GET",
        statuses(403, anonymous=302, registry_a=200, manager_b=200, admin=200),
        named("staff-work-orders"),
        api=False,
        ids=staff_open_orders,
        ids_in=ids_linked(r'href="/staff/work-orders/(\d+)/"'),
    ),
    Row(
        "staff-work-order",
        "GET",
        statuses(403, anonymous=302, registry_a=404, manager_b=200, admin=200),
        named("staff-work-order", **ORDER_B),
        api=False,
    ),
    Row(
        "staff-work-order",
        "POST",
        statuses(403, anonymous=302, registry_a=404, manager_b=302, admin=302),
        named("staff-work-order", **ORDER_B),
        api=False,
        body=lambda world, user: {"action": "accept"},
    ),
    Row(
        "staff-work-order-contact-phone",
        "POST",
        statuses(403, anonymous=302, registry_a=404, manager_b=200, admin=200),
        named("staff-work-order-contact-phone", **ORDER_B),
        api=False,
        reveals=("manager_b", "admin"),
    ),
    Row(
        "staff-work-orders-bulk-assign",
        "POST",
        statuses(403, anonymous=302, deciders_a=302, manager_b=302, admin=302),
        named("staff-work-orders-bulk-assign"),
        api=False,
        body=lambda world, user: {"orders": [f"{world.order_b.pk}:1"], "technician_id": world.users["technician"].pk},
    ),
    Row(
        "staff-my-jobs",
        "GET",
        statuses(403, anonymous=302, registry_a=200, manager_b=200, admin=200),
        named("staff-my-jobs"),
        api=False,
    ),
    Row(
        "staff-repair-report",
        "GET",
        statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200),
        named("staff-repair-report"),
        api=False,
    ),
    Row(
        "staff-follow-ups",
        "GET",
        statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200),
        named("staff-follow-ups"),
        api=False,
    ),
    Row(
        "staff-incidents",
        "GET",
        statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200),
        named("staff-incidents"),
        api=False,
        ids=by_estate(lambda w: {w.incident_a.pk}, lambda w: {w.incident_b.pk}),
        ids_in=ids_linked(r'href="/staff/incidents/(\d+)/"'),
    ),
    Row("staff-incident-new", "GET", HTML_DISPATCHERS_OBJECT_B, declare_page_for_estate_b, api=False),
    Row(
        "staff-incident-new",
        "POST",
        statuses(403, anonymous=302, deciders_a=404, manager_b=302, admin=302),
        declare_page_for_estate_b,
        api=False,
        body=incident_for_estate_b,
    ),
    Row("staff-incident", "GET", HTML_DISPATCHERS_OBJECT_B, named("staff-incident", **INCIDENT_B), api=False),
    Row(
        "staff-incident",
        "POST",
        statuses(403, anonymous=302, deciders_a=404, manager_b=302, admin=302),
        named("staff-incident", **INCIDENT_B),
        api=False,
        body=lambda world, user: {"action": "end", "resolution_note": "已恢复供水"},
    ),
    Row(
        "staff-work-order",
        "POST",
        statuses(403, anonymous=302, registry_a=404, manager_b=302, admin=302),
        named("staff-work-order", **ORDER_B),
        api=False,
        body=lambda world, user: {"action": "checklist", "item": world.checklist_b.pk},
        variant="checklist tick",
    ),
    Row(
        "staff-maintenance-plans",
        "GET",
        HTML_MANAGERS,
        named("staff-maintenance-plans"),
        api=False,
        ids=PLANS_BY_ESTATE,
        ids_in=ids_linked(r'href="/staff/maintenance-plans/(\d+)/"'),
    ),
    Row("staff-maintenance-plan-new", "GET", HTML_MANAGERS, named("staff-maintenance-plan-new"), api=False),
    Row(
        "staff-maintenance-plan-new",
        "POST",
        # estate A's manager is not offered estate B: the form comes back with the error (200)
        statuses(403, anonymous=302, manager=200, manager_b=302, admin=302),
        named("staff-maintenance-plan-new"),
        api=False,
        body=plan_form,
    ),
    Row(
        "staff-maintenance-plan",
        "GET",
        statuses(403, anonymous=302, manager=404, manager_b=200, admin=200),
        named("staff-maintenance-plan", **PLAN_B),
        api=False,
    ),
    Row(
        "staff-maintenance-plan",
        "POST",
        HTML_MANAGE_PLAN_B,
        named("staff-maintenance-plan", **PLAN_B),
        api=False,
        body=plan_form,
    ),
    Row(
        "staff-maintenance-plan-deactivate",
        "POST",
        HTML_MANAGE_PLAN_B,
        named("staff-maintenance-plan-deactivate", **PLAN_B),
        api=False,
    ),
    # --- HTML: complaints, suggestions and praise -------------------------------------------------------------
    Row(
        "complaints-mine",
        "GET",
        statuses(200, anonymous=302),
        named("complaints-mine"),
        api=False,
        ids=own_complaints,
        ids_in=ids_linked(r'href="/complaints/(\d+)/"'),
    ),
    # without a home (newcomer, staff, committee) the form sends you to claim one first
    Row(
        "complaints-new",
        "GET",
        statuses(302, owner=200, tenant=200, other_household=200),
        named("complaints-new"),
        api=False,
    ),
    Row(
        "complaints-new",
        "POST",
        statuses(302, owner=200, tenant=200),  # estate B is not offered to A's residents: the form's error (200)
        named("complaints-new"),
        api=False,
        body=complaint_for_estate_b,
    ),
    Row(
        "complaints-detail",
        "GET",
        statuses(404, anonymous=302, other_household=200),
        named("complaints-detail", **COMPLAINT_B),
        api=False,
    ),
    Row(
        "complaints-detail",
        "POST",
        statuses(404, anonymous=302, other_household=302),
        named("complaints-detail", **COMPLAINT_B),
        api=False,
        body=lambda world, user: {"action": "withdraw"},
    ),
    Row(
        "staff-complaints",
        "GET",
        statuses(403, anonymous=302, deciders_a=200, manager_b=200, admin=200),
        named("staff-complaints"),
        api=False,
        ids=COMPLAINTS_BY_ESTATE,
        ids_in=ids_linked(r'href="/staff/complaints/(\d+)/"'),
    ),
    Row(
        "staff-complaint",
        "GET",
        statuses(403, anonymous=302, deciders_a=404, manager_b=200, admin=200),
        named("staff-complaint", **COMPLAINT_B),
        api=False,
    ),
    Row(
        "staff-complaint",
        "POST",
        statuses(403, anonymous=302, deciders_a=404, manager_b=302, admin=302),
        named("staff-complaint", **COMPLAINT_B),
        api=False,
        body=lambda world, user: {"action": "acknowledge"},
    ),
    Row(
        "committee-complaints",
        "GET",
        statuses(403, anonymous=302, committee=200, committee_b=200, admin=200),
        named("committee-complaints"),
        api=False,
        ids=COMMITTEE_ITEMS_BY_ESTATE,
        ids_in=ids_linked(r'href="/committee/complaints/(\d+)/"'),
    ),
    Row(
        "committee-complaint",
        "GET",
        statuses(403, anonymous=302, committee=404, committee_b=200, admin=200),
        named("committee-complaint", **COMMITTEE_ITEM_B),
        api=False,
    ),
    Row(
        "committee-complaint",
        "POST",
        statuses(403, anonymous=302, committee=404, committee_b=302, admin=302),
        named("committee-complaint", **COMMITTEE_ITEM_B),
        api=False,
        body=lambda world, user: {"action": "forward", "note": "转物业处理"},
    ),
    # --- Wagtail's public site ----------------------------------------------------------------------------
    # the company home takes a resident of one estate to that estate's home
    Row(
        "wagtail_serve",
        "GET",
        statuses(200, owner=302, tenant=302, other_household=302),
        literal("/"),
        api=False,
        variant="home",
    ),
    Row("wagtail_serve", "GET", statuses(404), literal("/no-such-page/"), api=False, variant="missing"),
    Row("wagtailcore_login", "GET", statuses(200), named("wagtailcore_login"), api=False),
    Row(
        "wagtailcore_authenticate_with_password",
        "GET",
        statuses(404),
        literal("/_util/authenticate_with_password/999999/999999/"),
        api=False,
    ),
    # --- portal: notices (公告) and search; notice B is a live notice of estate B -----------------------------
    Row("api-my-notices", "GET", RESIDENT_ONLY, named("api-my-notices"), ids=own_notices),
    Row("api-my-notice", "GET", RESIDENTS_B, named("api-my-notice", pk=lambda world: world.notice_b.pk)),
    Row("api-my-search", "GET", RESIDENT_ONLY, lambda world: reverse("api-my-search") + "?q=停水", ids=own_notices),
    Row(
        "portal-search",
        "GET",
        statuses(200, anonymous=302),
        lambda world: reverse("portal-search") + "?q=停水",
        api=False,
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.notice_b.url,
        api=False,
        variant="notice of estate B",
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.notice_b.get_parent().url,
        api=False,
        variant="notice board of estate B",
    ),
    # --- portal: the service guide and the committee page of estate B: its readers; the API, its residents ------
    Row("api-my-service-guide", "GET", RESIDENTS_B, named("api-my-service-guide", **ESTATE_B)),
    Row("api-my-committee-page", "GET", RESIDENTS_B, named("api-my-committee-page", **ESTATE_B)),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.guide_b.url,
        api=False,
        variant="service guide of estate B",
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.committee_page_b.url,
        api=False,
        variant="committee page of estate B",
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.notice_b.get_parent().get_parent().url,
        api=False,
        variant="home of estate B",
    ),
    # --- portal: self-help articles; kb_b is an article of estate B, kb_company the company's ----------------
    Row("api-kb-articles", "GET", statuses(200), named("api-kb-articles"), ids=kb_readable),
    Row("api-kb-article", "GET", KB_READERS_B, named("api-kb-article", pk=lambda world: world.kb_b.pk)),
    Row(
        "api-my-kb-suggestions",
        "GET",
        RESIDENT_ONLY,
        lambda world: reverse("api-my-kb-suggestions") + "?trade=plumbing",
        ids=kb_suggested,
    ),
    Row(
        "api-my-kb-answer",
        "POST",
        RESIDENTS_B,
        named("api-my-kb-answer", pk=lambda world: world.kb_b.pk),
        body=lambda world, user: {"outcome": "solved"},
    ),
    Row(
        "api-staff-kb-counts",
        "GET",
        COMPANY_B,
        lambda world: reverse("api-staff-kb-counts") + "?estate=beta",
        ids=lambda world, role: {world.kb_company.pk, world.kb_b.pk},
    ),
    Row(
        "kb-article-answer",
        "POST",
        HTML_KB_ANSWER_B,
        named("kb-article-answer", pk=lambda world: world.kb_b.pk),
        api=False,
        body=lambda world, user: {"outcome": "solved"},
    ),
    Row("kb-home", "GET", statuses(302), named("kb-home"), api=False),  # to the reader's own section
    Row("staff-kb", "GET", HTML_COMPANY_B, lambda world: reverse("staff-kb") + "?estate=beta", api=False),
    Row(
        "repairs-new-suggestions",
        "GET",
        statuses(200, anonymous=302),
        lambda world: reverse("repairs-new-suggestions") + "?trade=plumbing",
        api=False,
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.kb_b.url,
        api=False,
        variant="self-help article of estate B",
    ),
    Row(
        "wagtail_serve",
        "GET",
        HTML_NOTICE_READERS_B,
        lambda world: world.kb_b.get_parent().url,
        api=False,
        variant="self-help section of estate B",
    ),
    Row(
        "wagtail_serve", "GET", statuses(200), lambda world: world.kb_company.url, api=False, variant="company article"
    ),
    # --- feedback scores -----------------------------------------------------------------------------------
    Row("api-staff-scores", "GET", SCORES_B, scores_api("api-staff-scores")),
    Row("api-staff-score-trend", "GET", SCORES_B, scores_api("api-staff-score-trend")),
    Row("api-staff-score-technicians", "GET", SCORE_BREAKDOWNS_B, scores_api("api-staff-score-technicians")),
    Row("staff-scores-home", "GET", HTML_SCORES_HOME, named("staff-scores-home"), api=False),
    Row("staff-scores", "GET", HTML_SCORES_B, named("staff-scores", **SCORES_ESTATE_B), api=False),
    Row("staff-scores-report", "GET", HTML_SCORES_B, named("staff-scores-report", **SCORES_ESTATE_B), api=False),
    Row("staff-scores-csv", "GET", HTML_SCORES_B, named("staff-scores-csv", **SCORES_ESTATE_B), api=False),
    Row("staff-scores-xlsx", "GET", HTML_SCORES_B, named("staff-scores-xlsx", **SCORES_ESTATE_B), api=False),
    # --- committee: the workspace, the company's side, and what residents see ---------------------------------
    Row(
        "committee-home",
        "GET",
        statuses(403, anonymous=302, committee=200, committee_b=200, admin=200),
        named("committee-home"),
        api=False,
    ),
    Row(
        "staff-committee-matters",
        "GET",
        statuses(403, anonymous=302, manager=200, manager_b=200, admin=200),
        named("staff-committee-matters"),
        api=False,
    ),
    Row("committee-public", "GET", statuses(200, anonymous=302), named("committee-public"), api=False),
    # --- owners' votes (committee.votes) ---------------------------------------------------------------------
    Row(
        "committee-votes",
        "GET",
        HTML_COMMITTEE,
        named("committee-votes"),
        api=False,
        ids=VOTES_BY_ESTATE,
        ids_in=ids_linked(r'href="/committee/votes/(\d+)/"'),
    ),
    Row("committee-vote-new", "GET", HTML_COMMITTEE, named("committee-vote-new"), api=False),
    Row(
        "committee-vote-new",
        "POST",
        statuses(403, anonymous=302, committee=200, committee_b=302, admin=302),
        named("committee-vote-new"),
        api=False,
        body=lambda world, user: {**vote_form(), "estate": "beta"},
    ),
    Row("committee-vote", "GET", HTML_COMMITTEE_B, named("committee-vote", **VOTE_B), api=False),
    Row("committee-vote-edit", "GET", HTML_COMMITTEE_B, named("committee-vote-edit", **DRAFT_B), api=False),
    Row(
        "committee-vote-edit",
        "POST",
        HTML_COMMITTEE_STEP_B,
        named("committee-vote-edit", **DRAFT_B),
        api=False,
        body=lambda world, user: vote_form(),
    ),
    Row(
        "committee-vote-action",
        "POST",
        HTML_COMMITTEE_STEP_B,
        named("committee-vote-action", **DRAFT_B),
        api=False,
        body=lambda world, user: {"action": "announce"},
    ),
    Row(
        "committee-vote-export",
        "GET",
        HTML_COMMITTEE_B,
        named("committee-vote-export", what=lambda w: "roll", **VOTE_B),
        api=False,
    ),
    Row(
        "committee-ballot-scan",
        "GET",
        statuses(404, anonymous=302, committee_b=200, manager_b=200, admin=200),
        named("committee-ballot-scan", pk=lambda world: world.ballot_b.pk),
        api=False,
    ),
    Row(
        "votes-paper",
        "GET",
        statuses(403, anonymous=302, manager=200, committee=200, committee_b=200, manager_b=200, admin=200),
        named("votes-paper"),
        api=False,
    ),
    Row("votes-paper-ballot", "GET", HTML_PAPER_B, named("votes-paper-ballot", **VOTE_B), api=False),
    Row(
        "votes-paper-ballot",
        "POST",
        {**HTML_PAPER_B, "committee_b": 302, "manager_b": 302, "admin": 302},
        named("votes-paper-ballot", **VOTE_B),
        api=False,
        body=lambda world, user: paper_form("developer"),
    ),
    Row(
        "votes-mine",
        "GET",
        statuses(200, anonymous=302),
        named("votes-mine"),
        api=False,
        ids=MY_VOTES,
        ids_in=ids_linked(r'href="/me/votes/(\d+)/"'),
    ),
    Row(
        "votes-mine-detail",
        "GET",
        statuses(404, anonymous=302, other_household=200),
        named("votes-mine-detail", **VOTE_B),
        api=False,
    ),
    Row(
        "votes-mine-detail",
        "POST",
        statuses(404, anonymous=302, other_household=302),
        named("votes-mine-detail", **VOTE_B),
        api=False,
        body=lambda world, user: {"choice": "yes", "password": PASSWORD},
    ),
    Row("api-committee-votes", "GET", COMMITTEE_MEMBERS, named("api-committee-votes"), ids=VOTES_BY_ESTATE),
    Row(
        "api-committee-votes",
        "POST",
        {**COMMITTEE_MEMBERS, "committee": 400, "committee_b": 201, "admin": 201},
        named("api-committee-votes"),
        body=lambda world, user: {**vote_form(), "estate": "beta"},
    ),
    Row("api-committee-vote", "GET", COMMITTEE_B, named("api-committee-vote", **VOTE_B)),
    Row(
        "api-committee-vote-export",
        "GET",
        COMMITTEE_B,
        named("api-committee-vote-export", what=lambda w: "ballots", **VOTE_B),
    ),
    Row(
        "api-committee-vote",
        "PUT",
        COMMITTEE_B,
        named("api-committee-vote", **DRAFT_B),
        body=lambda world, user: vote_form(),
    ),
    Row("api-committee-vote-announce", "POST", COMMITTEE_B, named("api-committee-vote-announce", **DRAFT_B)),
    Row(
        "api-committee-vote-cancel",
        "POST",
        COMMITTEE_B,
        named("api-committee-vote-cancel", **DRAFT_B),
        body=lambda world, user: {"reason": "议题有误"},
    ),
    Row(
        "api-committee-vote-close",
        "POST",
        {**COMMITTEE_B, "committee_b": 409, "admin": 409},
        named("api-committee-vote-close", **VOTE_B),
    ),
    Row(
        "api-vote-paper-ballots",
        "POST",
        {
            **statuses(403, anonymous=401, manager=404, committee=404),
            "committee_b": 201,
            "manager_b": 201,
            "admin": 201,
        },
        named("api-vote-paper-ballots", **VOTE_B),
        format="multipart",
        body=lambda world, user: paper_form("developer", channel="proxy", proxy_name="张三"),
    ),
    Row("api-my-votes", "GET", RESIDENT_ONLY, named("api-my-votes"), ids=MY_VOTES),
    Row(
        "api-my-vote",
        "GET",
        statuses(403, anonymous=401, residents=404, other_household=200),
        named("api-my-vote", **VOTE_B),
    ),
    Row(
        "api-my-vote-ballot",
        "POST",
        statuses(403, anonymous=401, residents=404, other_household=201),
        named("api-my-vote-ballot", **VOTE_B),
        body=lambda world, user: {"choice": "no", "password": PASSWORD},
    ),
    Row(
        "api-my-vote-ballot",
        "PUT",
        statuses(403, anonymous=401, residents=404, other_household=409),
        named("api-my-vote-ballot", **VOTE_B),
        body=lambda world, user: {"choice": "no", "password": PASSWORD},
    ),
    # --- committee: dashboard and supervision items (objects of estate B) ---------------------------------------
    Row("committee-dashboard", "GET", HTML_COMMITTEE_B, named("committee-dashboard", **ESTATE_B_SLUG), api=False),
    Row("api-committee-dashboard", "GET", COMMITTEE_B, named("api-committee-dashboard", **ESTATE_B_SLUG)),
    Row(
        "committee-supervision",
        "GET",
        HTML_COMMITTEE_B,
        supervision_url("committee-supervision"),
        api=False,
        ids=supervision_ids_b,
        ids_in=ids_linked(r'href="/committee/beta/supervision/(\d+)/"'),
    ),
    Row(
        "committee-supervision-new",
        "GET",
        HTML_COMMITTEE_B,
        named("committee-supervision-new", **ESTATE_B_SLUG),
        api=False,
    ),
    Row(
        "committee-supervision-new",
        "POST",
        HTML_COMMITTEE_STEP_B,
        named("committee-supervision-new", **ESTATE_B_SLUG),
        api=False,
        body=raise_body,
    ),
    Row(
        "committee-supervision-item",
        "GET",
        HTML_COMMITTEE_B,
        supervision_url("committee-supervision-item", "open"),
        api=False,
    ),
    Row(
        "committee-supervision-item",
        "POST",
        HTML_COMMITTEE_STEP_B,
        supervision_url("committee-supervision-item", "answered"),
        api=False,
        body=lambda world, user: {"action": "close", "note": "满意"},
    ),
    Row(
        "staff-committee-supervision",
        "GET",
        HTML_COMPANY_B,
        supervision_url("staff-committee-supervision"),
        api=False,
        ids=supervision_ids_b,
        ids_in=ids_linked(r'href="/staff/committee/beta/supervision/(\d+)/"'),
    ),
    Row(
        "staff-committee-supervision-item",
        "GET",
        HTML_COMPANY_B,
        supervision_url("staff-committee-supervision-item", "open"),
        api=False,
    ),
    Row(
        "staff-committee-supervision-item",
        "POST",
        statuses(403, anonymous=302, manager=404, manager_b=302, admin=302),
        supervision_url("staff-committee-supervision-item", "open"),
        api=False,
        body=lambda world, user: {"action": "answer", "note": "已安排"},
    ),
    Row(
        "committee-public-supervision",
        "GET",
        statuses(404, anonymous=302, other_household=200),
        supervision_url("committee-public-supervision"),
        api=False,
    ),
    Row(
        "api-committee-supervision",
        "GET",
        COMMITTEE_B,
        supervision_url("api-committee-supervision"),
        ids=supervision_ids_b,
    ),
    Row(
        "api-committee-supervision",
        "POST",
        statuses(403, anonymous=401, committee=404, committee_b=201, admin=201),
        named("api-committee-supervision", **ESTATE_B_SLUG),
        body=raise_body,
    ),
    Row(
        "api-committee-supervision-item", "GET", COMMITTEE_B, supervision_url("api-committee-supervision-item", "open")
    ),
    *(
        Row(
            f"api-committee-supervision-{step}",
            "POST",
            COMMITTEE_B,
            supervision_url(f"api-committee-supervision-{step}", status),
            body=lambda world, user, b=body: b,
        )
        for step, status, body in (
            ("close", "answered", {}),
            ("reopen", "answered", {"reason": "没修好"}),
            ("publish", "answered", {}),
        )
    ),
    Row(
        "api-staff-committee-supervision",
        "GET",
        COMPANY_B,
        supervision_url("api-staff-committee-supervision"),
        ids=supervision_ids_b,
    ),
    Row(
        "api-staff-committee-supervision-item",
        "GET",
        COMPANY_B,
        supervision_url("api-staff-committee-supervision-item", "open"),
    ),
    Row(
        "api-staff-committee-supervision-answer",
        "POST",
        COMPANY_B,
        supervision_url("api-staff-committee-supervision-answer", "open"),
        body=lambda world, user: {"answer": "已安排维修"},
    ),
    Row(
        "api-me-committee-supervision",
        "GET",
        statuses(403, anonymous=401, residents=404, other_household=200),
        supervision_url("api-me-committee-supervision"),
        ids=published_ids_b,
    ),
    # --- committee: spot checks and service-quality reports (estate B's; A's committee gets 404) -------------
    Row("committee-spot-checks", "GET", HTML_COMMITTEE_B, named("committee-spot-checks", **ESTATE_B), api=False),
    Row(
        "committee-spot-checks",
        "POST",
        HTML_COMMITTEE_B_POST,
        named("committee-spot-checks", **ESTATE_B),
        api=False,
        body=lambda world, user: {},
    ),
    Row("committee-spot-check", "GET", HTML_COMMITTEE_B, named("committee-spot-check", **SPOT_CHECK_B), api=False),
    Row(
        "committee-spot-check",
        "POST",
        HTML_COMMITTEE_B_POST,
        named("committee-spot-check", **SPOT_CHECK_B),
        api=False,
        body=lambda world, user: {"verdict": "fixed_well", "method": "phone"},
    ),
    Row("committee-reports", "GET", HTML_COMMITTEE_B, named("committee-reports", **ESTATE_B), api=False),
    Row(
        "committee-reports",
        "POST",
        HTML_COMMITTEE_B_POST,
        named("committee-reports", **ESTATE_B),
        api=False,
        body=lambda world, user: {},
    ),
    Row("committee-report", "GET", HTML_COMMITTEE_B, named("committee-report", **REPORT_B), api=False),
    Row(
        "committee-report",
        "POST",
        HTML_COMMITTEE_B_POST,
        named("committee-report", **REPORT_B),
        api=False,
        body=lambda world, user: {"action": "approve"},
    ),
    Row("committee-public-reports", "GET", HTML_RESIDENTS_B, named("committee-public-reports", **ESTATE_B), api=False),
    Row("committee-public-report", "GET", HTML_RESIDENTS_B, named("committee-public-report", **REPORT_B), api=False),
    Row(
        "api-committee-spot-checks",
        "GET",
        COMMITTEE_B,
        named("api-committee-spot-checks", **ESTATE_B),
        ids=lambda world, role: {world.spot_check_b.draw_id},
    ),
    # the draw of last month exists already: 200 with it; the verdict is recorded (in each role's savepoint)
    Row(
        "api-committee-spot-checks",
        "POST",
        COMMITTEE_B,
        named("api-committee-spot-checks", **ESTATE_B),
        body=lambda world, user: {},
    ),
    Row(
        "api-committee-spot-check-verdict",
        "POST",
        COMMITTEE_B,
        named("api-committee-spot-check-verdict", **SPOT_CHECK_B),
        body=lambda world, user: {"verdict": "fixed_well", "method": "phone"},
    ),
    Row(
        "api-committee-reports",
        "GET",
        COMMITTEE_B,
        named("api-committee-reports", **ESTATE_B),
        ids=lambda world, role: {world.quality_report_b.pk},
    ),
    Row(
        "api-committee-reports",
        "POST",
        COMMITTEE_B,
        named("api-committee-reports", **ESTATE_B),
        body=lambda world, user: {},
    ),
    Row("api-committee-report", "GET", COMMITTEE_B, named("api-committee-report", **REPORT_B)),
    # report B is published: the state table refuses every further step
    *(
        Row(
            f"api-committee-report-{step}",
            "POST",
            COMMITTEE_B_REFUSED,
            named(f"api-committee-report-{step}", **REPORT_B),
            body=lambda world, user: {},
        )
        for step in ("regenerate", "approve", "publish")
    ),
    Row(
        "api-my-committee-reports",
        "GET",
        RESIDENTS_B,
        named("api-my-committee-reports", **ESTATE_B),
        ids=lambda world, role: {world.quality_report_b.pk},
    ),
    Row("api-my-committee-report", "GET", RESIDENTS_B, named("api-my-committee-report", **REPORT_B)),
    # --- committee: disclosures and documents -----------------------------------------------------------------
    Row(
        "staff-committee-disclosures",
        "GET",
        HTML_COMPANY_B,
        named("staff-committee-disclosures", **ESTATE_B),
        api=False,
        ids=company_entries,
        ids_in=ids_linked(r'href="/staff/committee/beta/disclosures/(\d+)/"'),
    ),
    Row(
        "staff-committee-disclosure-new",
        "GET",
        HTML_COMPANY_B,
        named("staff-committee-disclosure-new", **ESTATE_B),
        api=False,
    ),
    Row(
        "staff-committee-disclosure-new",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-disclosure-new", **ESTATE_B),
        api=False,
        body=disclosure_form,
    ),
    Row(
        "staff-committee-disclosure",
        "GET",
        HTML_COMPANY_B,
        named("staff-committee-disclosure", **DISCLOSURE_DRAFT_B),
        api=False,
    ),
    Row(
        "staff-committee-disclosure",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-disclosure", **DISCLOSURE_DRAFT_B),
        api=False,
        body=disclosure_form,
    ),
    Row(
        "staff-committee-disclosure-attach",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-disclosure-attach", **DISCLOSURE_DRAFT_B),
        api=False,
        body=pdf_upload,
    ),
    *(
        Row(
            f"staff-committee-disclosure-{step}",
            "POST",
            HTML_COMPANY_B_POSTED,
            named(f"staff-committee-disclosure-{step}", **DISCLOSURE_DRAFT_B),
            api=False,
        )
        for step in ("publish", "delete")
    ),
    Row(
        "staff-committee-disclosure-answer",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-disclosure-answer", **ESTATE_B, pk=lambda world: world.question_b.pk),
        api=False,
        body=lambda world, user: {"answer": "见附件"},
    ),
    Row(
        "committee-disclosures",
        "GET",
        HTML_COMMITTEE_B,
        named("committee-disclosures", **ESTATE_B),
        api=False,
        ids=published_b,
        ids_in=ids_linked(r'href="/committee/beta/disclosures/(\d+)/"'),
    ),
    Row("committee-disclosure", "GET", HTML_COMMITTEE_B, named("committee-disclosure", **DISCLOSURE_B), api=False),
    Row(
        "committee-public-disclosures",
        "GET",
        HTML_READERS_B,
        named("committee-public-disclosures", **ESTATE_B),
        api=False,
        ids=published_b,
        ids_in=ids_linked(r'href="/me/committee/beta/disclosures/(\d+)/"'),
    ),
    Row(
        "committee-public-disclosure",
        "GET",
        HTML_READERS_B,
        named("committee-public-disclosure", **DISCLOSURE_B),
        api=False,
    ),
    Row(
        "committee-public-disclosure",
        "GET",
        statuses(404, anonymous=302),
        variant="draft",
        url=named("committee-public-disclosure", **DISCLOSURE_DRAFT_B),
        api=False,
    ),
    # only residents of the estate ask; its committee members and the admin read but are refused
    Row(
        "committee-public-disclosure-ask",
        "POST",
        statuses(404, anonymous=302, other_household=302, committee_b=403, admin=403),
        named("committee-public-disclosure-ask", **DISCLOSURE_B),
        api=False,
        body=lambda world, user: {"body": "停车费明细？"},
    ),
    Row(
        "disclosure-attachment",
        "GET",
        FILE_READERS_B,
        named("disclosure-attachment", pk=lambda w: w.attachment_b.pk),
        api=False,
    ),
    Row(
        "disclosure-attachment",
        "GET",
        statuses(404, anonymous=302, manager_b=200, admin=200),
        variant="draft",
        url=named("disclosure-attachment", pk=lambda world: world.draft_attachment_b.pk),
        api=False,
    ),
    Row(
        "staff-committee-documents",
        "GET",
        HTML_COMPANY_B,
        named("staff-committee-documents", **ESTATE_B),
        api=False,
        ids=documents_b,
        ids_in=ids_linked(r'href="/committee-files/documents/(\d+)/"'),
    ),
    Row(
        "staff-committee-documents",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-documents", **ESTATE_B),
        api=False,
        body=document_form,
    ),
    Row(
        "staff-committee-document-delete",
        "POST",
        HTML_COMPANY_B_POSTED,
        named("staff-committee-document-delete", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
        api=False,
    ),
    Row(
        "committee-documents",
        "GET",
        HTML_COMMITTEE_B,
        named("committee-documents", **ESTATE_B),
        api=False,
        ids=documents_b,
        ids_in=ids_linked(r'href="/committee-files/documents/(\d+)/"'),
    ),
    Row(
        "committee-documents",
        "POST",
        HTML_COMMITTEE_B_POSTED,
        named("committee-documents", **ESTATE_B),
        api=False,
        body=document_form,
    ),
    Row(
        "committee-document-delete",
        "POST",
        HTML_COMMITTEE_B_POSTED,
        named("committee-document-delete", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
        api=False,
    ),
    Row(
        "committee-public-documents",
        "GET",
        FILE_READERS_B,
        named("committee-public-documents", **ESTATE_B),
        api=False,
        ids=documents_b,
        ids_in=ids_linked(r'href="/committee-files/documents/(\d+)/"'),
    ),
    Row("document-file", "GET", FILE_READERS_B, named("document-file", pk=lambda world: world.doc_res_b.pk), api=False),
    Row(
        "document-file",
        "GET",
        statuses(404, anonymous=302, committee_b=200, manager_b=200, admin=200),
        variant="committee only",
        url=named("document-file", pk=lambda world: world.doc_com_b.pk),
        api=False,
    ),
    Row("api-staff-disclosures", "GET", API_COMPANY_B, named("api-staff-disclosures", **ESTATE_B), ids=company_entries),
    Row(
        "api-staff-disclosures",
        "POST",
        with_status(API_COMPANY_B, 201),
        named("api-staff-disclosures", **ESTATE_B),
        body=disclosure_form,
    ),
    Row(
        "api-staff-disclosures-due",
        "GET",
        API_COMPANY_B,
        named("api-staff-disclosures-due", **ESTATE_B),
    ),
    Row("api-staff-disclosure", "GET", API_COMPANY_B, named("api-staff-disclosure", **DISCLOSURE_DRAFT_B)),
    Row(
        "api-staff-disclosure",
        "PUT",
        API_COMPANY_B,
        named("api-staff-disclosure", **DISCLOSURE_DRAFT_B),
        body=disclosure_form,
    ),
    Row(
        "api-staff-disclosure",
        "DELETE",
        with_status(API_COMPANY_B, 204),
        named("api-staff-disclosure", **DISCLOSURE_DRAFT_B),
    ),
    Row(
        "api-staff-disclosure",
        "PUT",
        with_status(API_COMPANY_B, 409),
        variant="published",
        url=named("api-staff-disclosure", **DISCLOSURE_B),
        body=disclosure_form,
    ),
    Row(
        "api-staff-disclosure-attachments",
        "POST",
        with_status(API_COMPANY_B, 201),
        named("api-staff-disclosure-attachments", **DISCLOSURE_DRAFT_B),
        body=pdf_upload,
        format="multipart",
    ),
    Row(
        "api-staff-disclosure-publish",
        "POST",
        API_COMPANY_B,
        named("api-staff-disclosure-publish", **DISCLOSURE_DRAFT_B),
    ),
    Row(
        "api-staff-disclosure-answer",
        "POST",
        API_COMPANY_B,
        named("api-staff-disclosure-answer", **ESTATE_B, pk=lambda world: world.question_b.pk),
        body=lambda world, user: {"answer": "见附件"},
    ),
    Row("api-my-disclosures", "GET", API_READERS_B, named("api-my-disclosures", **ESTATE_B), ids=published_b),
    Row("api-my-disclosure", "GET", API_READERS_B, named("api-my-disclosure", **DISCLOSURE_B)),
    Row(
        "api-my-disclosure-ask",
        "POST",
        statuses(404, anonymous=401, other_household=201, committee_b=403, admin=403),
        named("api-my-disclosure-ask", **DISCLOSURE_B),
        body=lambda world, user: {"body": "停车费明细？"},
    ),
    Row("api-staff-documents", "GET", API_COMPANY_B, named("api-staff-documents", **ESTATE_B), ids=documents_b),
    Row(
        "api-staff-documents",
        "POST",
        with_status(API_COMPANY_B, 201),
        named("api-staff-documents", **ESTATE_B),
        body=document_form,
        format="multipart",
    ),
    Row(
        "api-staff-document",
        "GET",
        API_COMPANY_B,
        named("api-staff-document", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
    ),
    Row(
        "api-staff-document",
        "DELETE",
        with_status(API_COMPANY_B, 204),
        named("api-staff-document", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
    ),
    Row(
        "api-committee-documents",
        "GET",
        statuses(403, anonymous=401, committee=404, committee_b=200, manager=403, manager_b=403, admin=200),
        named("api-committee-documents", **ESTATE_B),
        ids=documents_b,
    ),
    Row(
        "api-committee-documents",
        "POST",
        statuses(403, anonymous=401, committee=404, committee_b=201, manager=403, manager_b=403, admin=201),
        named("api-committee-documents", **ESTATE_B),
        body=document_form,
        format="multipart",
    ),
    Row(
        "api-committee-document",
        "GET",
        statuses(403, anonymous=401, committee=404, committee_b=200, manager=403, manager_b=403, admin=200),
        named("api-committee-document", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
    ),
    Row(
        "api-committee-document",
        "DELETE",
        statuses(403, anonymous=401, committee=404, committee_b=204, manager=403, manager_b=403, admin=204),
        named("api-committee-document", **ESTATE_B, pk=lambda world: world.doc_com_b.pk),
    ),
    Row(
        "api-my-documents",
        "GET",
        statuses(404, anonymous=401, other_household=200, committee_b=200, manager_b=200, admin=200),
        named("api-my-documents", **ESTATE_B),
        ids=documents_b,
    ),
    *COMMITTEE_ROWS,
    # --- third-party admin trees: a row per prefix, sampled -----------------------------------------------
    *(
        Row("django-admin/", "GET", ADMIN_SITE, literal(path), api=False, variant=path)
        for path in (
            "/django-admin/",
            "/django-admin/auth/group/",
            "/django-admin/otp_totp/totpdevice/",
            "/django-admin/axes/accessattempt/",
            "/django-admin/authtoken/tokenproxy/",
            "/django-admin/repairs/maintenanceplan/",
        )
    ),
    *(
        Row("cms/", "GET", ADMIN_SITE, literal(path), api=False, variant=path)
        for path in ("/cms/pages/", "/cms/users/", "/cms/documents/", "/cms/groups/")
    ),
    *(
        Row("cms/", "GET", CMS_EDITORS, literal(path), api=False, variant=path)
        for path in ("/cms/", "/cms/api/main/pages/")
    ),
    *(
        Row("cms/", "GET", CMS_EDITORS_B, lambda world, path=path: path.format(**cms_b(world)), api=False, variant=path)
        for path in (
            "/cms/pages/{notice}/edit/",
            "/cms/pages/{notice}/history/",
            "/cms/pages/{home}/",
            "/cms/pages/add/portal/noticepage/{board}/",
        )
    ),
]


# --- coverage: every pattern and operation has a row ------------------------------------------------------


def url_patterns(patterns=None, prefix=""):
    """(route, name, view module) for every pattern in the URL conf, recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            module = getattr(pattern.callback, "__module__", "") or ""
            yield prefix + str(pattern.pattern), pattern.name, module


def _has_row(route, name, module):
    """A row names the pattern, or the pattern is a third-party view inside a third-party prefix with a row."""
    routes = {row.route for row in POLICY}
    if name in routes:
        return True
    ours = module.split(".")[0] in OUR_PACKAGES  # our own view mounted under cms/ needs its own row
    return not ours and any(route.startswith(prefix) for prefix in THIRD_PARTY_PREFIXES if prefix in routes)


def test_policy_covers_every_url_pattern():
    missing = [
        f"{route} (name={name}, view in {module})"
        for route, name, module in url_patterns()
        if not _has_row(route, name, module)
    ]
    assert not missing, "URL patterns without a POLICY row:\n  " + "\n  ".join(missing)


def schema_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method in operations:
            yield path, method.upper()


def test_policy_covers_every_schema_operation():
    rows = {(row.route, row.method) for row in POLICY}
    missing = []
    for path, method in schema_operations():
        name = resolve(re.sub(r"\{[^}]+\}", "1", path)).url_name
        if (name, method) not in rows:
            missing.append(f"{method} {path} (name={name})")
    assert not missing, "OpenAPI operations without a POLICY row:\n  " + "\n  ".join(missing)


def test_policy_rows_name_every_role():
    incomplete = [row.label for row in POLICY if set(row.expect) != set(ROLES)]
    assert not incomplete


# --- the matrix ---------------------------------------------------------------------------------------


def _outage(actor, estate, unit):
    """An outage over the unit's building; of the HVAC trade, so the reports other rows file never join it."""
    scope = IncidentScope(estate=estate, building_ids=(unit.building_id,), trade="hvac")
    return incident_declare(actor=actor, scope=scope, details=IncidentDetails(title=f"{estate} 停暖"))


def _survey(world, role, unit):
    """An estate-wide survey sent to one resident of the unit."""
    estate_id = unit.building.estate_id
    return survey_invite(
        Invitation(
            kind="campaign",
            instrument=instrument_for(estate_id=estate_id, purpose="campaign"),
            recipient=world.users[role],
            estate_id=estate_id,
            building_id=unit.building_id,
            unit_id=unit.pk,
        )
    )


@pytest.fixture
def scene(world):
    """The shared world plus a common area, a repair request (reported by its owner), an outage and a maintenance
    plan in each estate; order B carries a checklist line and a contact phone. Survey A is sent to A's owner,
    survey B to B's household; each of them also answered another survey with a low rating (rated_a, rated_b)."""
    lift_a = CommonArea.objects.create(estate=world.estate_a, kind=CommonArea.Kind.LIFT, name="A lift")
    lift_b = CommonArea.objects.create(estate=world.estate_b, kind=CommonArea.Kind.LIFT, name="B lift")
    plan_a, plan_b = (
        maintenance_plan_create(
            actor=world.users["admin"],
            estate_id=area.estate_id,
            data=PlanInput(
                title="电梯月检",
                trade="lift",
                common_area_id=area.pk,
                first_due=date(2030, 1, 31),
                checklist=(ChecklistLine("检查门机"),),
            ),
        )
        for area in (lift_a, lift_b)
    )
    order_a = work_order_submit(
        actor=world.users["owner"], report=Report(trade="plumbing", description="水管爆裂", unit_id=world.unit_a.pk)
    )
    order_b = work_order_submit(
        actor=world.users["other_household"],
        report=Report(trade="electrical", description="跳闸", unit_id=world.unit_b.pk),
    )
    photo_b = work_order_photo_add(
        order_id=order_b.pk, actor=world.users["other_household"], data=_jpeg(), kind="report"
    )
    incident_a = _outage(world.users["dispatcher"], "alpha", world.unit_a)
    incident_b = _outage(world.users["manager_b"], "beta", world.unit_b)
    checklist_b = WorkOrderChecklistItem.objects.create(order=order_b, position=1, text="检查门机")
    complaints = _complaints(world)
    votes = _vote_scene(world)
    survey_a, survey_b = _survey(world, "owner", world.unit_a), _survey(world, "other_household", world.unit_b)
    rated_a, rated_b = (
        answer(_survey(world, role, unit), csat=2, comment="师傅迟到")
        for role, unit in (("owner", world.unit_a), ("other_household", world.unit_b))
    )
    # B's household asked to erase their account: only B's manager and the admin see and decide it
    deletion_b = DeletionRequest.objects.create(person=world.users["other_household"].person)
    # a contact phone as an Open311 caller leaves one: every other row must show it masked
    WorkOrder.objects.filter(pk=order_b.pk).update(contact_phone="+8613900139000")
    return SimpleNamespace(
        **vars(world),
        order_a=order_a,
        order_b=order_b,
        photo_b=photo_b,
        incident_a=incident_a,
        incident_b=incident_b,
        plan_a=plan_a,
        plan_b=plan_b,
        checklist_b=checklist_b,
        deletion_b=deletion_b,
        survey_a=survey_a,
        survey_b=survey_b,
        rated_a=rated_a,
        rated_b=rated_b,
        **complaints,
        **_survey_scene(world),
        **votes,
        **_quality_scene(world),
        **_disclosure_scene(world),
        **_committee_scene(world),
        **_notice_scene(world),
        **_estate_pages_scene(world),
        **_kb_scene(world),
    )


def _vote_scene(world) -> dict:
    """An announced vote in each estate, open now; a draft in B; in B a paper ballot for the developer's units."""
    made = {"unsold_b": UnitFactory(building=world.unit_b.building, number="0102")}  # the developer's
    for suffix, role, estate in (("a", "committee", world.estate_a), ("b", "committee_b", world.estate_b)):
        actor = world.users[role]
        motion = motion_create(
            estate_id=estate.pk,
            actor=actor,
            data=MotionInput(
                title="改建车棚",
                agenda="改建。",
                matter=8,
                opens_at=timezone.now() + timedelta(days=16),
                closes_at=timezone.now() + timedelta(days=30),
            ),
        )
        motion_announce(motion_id=motion.pk, actor=actor)
        Motion.objects.filter(pk=motion.pk).update(opens_at=timezone.now() - timedelta(days=1))  # open now
        made[f"vote_{suffix}"] = Motion.objects.get(pk=motion.pk)
    made["draft_b"] = motion_create(
        estate_id=world.estate_b.pk,
        actor=world.users["committee_b"],
        data=MotionInput(
            title="草案",
            agenda="草案。",
            matter=1,
            opens_at=timezone.now() + timedelta(days=20),
            closes_at=timezone.now() + timedelta(days=30),
        ),
    )
    made["ballot_b"] = ballot_record_paper(
        motion_id=made["vote_b"].pk,
        actor=world.users["manager_b"],
        paper=PaperBallot(voter="developer", choice="no", channel="paper", scan=_jpeg()),
    )
    return made


def _complaints(world) -> dict:
    """In each estate: a complaint to the company and one to the owners' committee."""

    def filed(role, estate, addressee, body):
        return complaint_submit(
            actor=world.users[role],
            submission=Submission(
                kind="complaint", estate=estate, addressee=addressee, title="保洁", body=body, dimensions=("tangibles",)
            ),
        )

    return {
        "complaint_a": filed("owner", "alpha", "company", "楼道脏"),
        "committee_item_a": filed("owner", "alpha", "committee", "物业费不透明"),
        "complaint_b": filed("other_household", "beta", "company", "楼道脏"),
        "committee_item_b": filed("other_household", "beta", "committee", "物业费不透明"),
    }


def _committee_scene(world) -> dict:
    """In each estate: a current committee with one seat (the person of the pending claim: no role granted, no new
    person in the registry), a planned meeting with one matter to decide, and a meeting whose minutes are
    published."""
    today, found = timezone.localdate(), {}
    for suffix, estate, claim in (("a", world.estate_a, world.claim_a), ("b", world.estate_b, world.claim_b)):
        committee = Committee.objects.create(
            estate=estate,
            elected_on=today - timedelta(days=30),
            term_start=today - timedelta(days=30),
            term_end=today + timedelta(days=900),
        )
        seat = Member.objects.create(
            committee=committee, person=claim.person, role="chair", start=committee.term_start, end=committee.term_end
        )
        planned = Meeting.objects.create(
            estate=estate, committee=committee, title="例会", scheduled_at=timezone.now() - timedelta(hours=2)
        )
        item = AgendaItem.objects.create(meeting=planned, position=1, title="续聘保洁")
        published = Meeting.objects.create(
            estate=estate,
            committee=committee,
            title="上次例会",
            status="published",
            scheduled_at=timezone.now() - timedelta(days=9),
            held_on=today - timedelta(days=9),
            voting_members=1,
            quorate=True,
            minutes="纪要",
            published_at=timezone.now(),
        )
        found.update(
            {
                f"seat_{suffix}": seat,
                f"meeting_{suffix}": planned,
                f"item_{suffix}": item,
                f"minutes_{suffix}": published,
            }
        )
    return found  # fmt: skip


def _survey_scene(world):
    """A draft campaign in each estate, and a publishable draft questionnaire of estate B."""
    shared = Instrument.objects.get(key="residential", status="published")
    campaigns = {
        f"campaign_{suffix}": campaign_create(
            actor=world.users["admin"],
            estate_id=estate.pk,
            data=CampaignInput(
                name=f"{estate.name}年度调查",
                instrument_id=shared.pk,
                mode="census",
                opens_at=timezone.now(),
                closes_at=timezone.now() + timedelta(days=30),
            ),
        )
        for suffix, estate in (("a", world.estate_a), ("b", world.estate_b))
    }
    spec = InstrumentSpec(
        key="beta-own", name_zh="乙小区回访", name_en="Beta follow-up", purpose="transactional", format="servperf"
    )
    instrument_b = instrument_draft_create(actor=world.users["manager_b"], estate_id=world.estate_b.pk, spec=spec)
    items = [ItemText("reliability", f"一次修好 {i}", f"Fixed first time {i}") for i in (1, 2)]
    instrument_items_replace(instrument_id=instrument_b.pk, actor=world.users["manager_b"], items=items)
    return {**campaigns, "instrument_b": instrument_b}


def _quality_scene(world):
    """Estate B's committee work: last month's spot-check draw holding one closed order of B's household, and
    last month's service-quality report, published (residents of B read it)."""
    from committee.periods import month_bounds, previous_month
    from committee.reports.services import report_approve, report_generate, report_publish
    from committee.spotchecks.services import spot_check_draw
    from tests.repairs.factories import WorkOrderFactory

    month = previous_month()
    when = month_bounds(month)[0] + timedelta(days=2)
    done = WorkOrderFactory(unit=world.unit_b, reporter=world.users["other_household"].person, status="closed")
    WorkOrder.objects.filter(pk=done.pk).update(completed_at=when, confirmed_at=when, closed_at=when)
    draw_b, _ = spot_check_draw(estate_id=world.estate_b.pk, month=month)
    report_b, _ = report_generate(estate_id=world.estate_b.pk, month=month)
    report_approve(report_id=report_b.pk, actor=None)
    report_b = report_publish(report_id=report_b.pk, actor=None)
    return {"finished_b": done, "spot_check_b": draw_b.checks.get(), "quality_report_b": report_b}


def _disclosure_scene(world):
    """Estate B's published entry (with a file and a question), a draft with a file, and two documents."""
    manager = world.users["manager_b"]
    entry = published(manager, world.estate_b)
    question = disclosure_question_ask(actor=world.users["other_household"], disclosure_id=entry.pk, body="明细？")
    draft = disclosure_draft_create(actor=manager, estate_id=world.estate_b.pk, data=entry_input(title="草稿"))
    draft_file = disclosure_attach(actor=manager, disclosure_id=draft.pk, name="草稿.pdf", data=PDF)
    documents = {
        f"doc_{level[:3]}_b": document_upload(
            actor=manager,
            estate_id=world.estate_b.pk,
            data=DocumentInput(title="管理规约", category="covenant", access=level, name="规约.pdf", data=PDF),
        )
        for level in ("residents", "committee")
    }
    return {
        "disclosure_b": entry,
        "attachment_b": entry.attachments.get(),
        "question_b": question,
        "disclosure_draft_b": draft,
        "draft_attachment_b": draft_file,
        **documents,
    }


def _notice_scene(world) -> dict:
    """A notice board under each estate's home page, each with one live notice about a water cut."""
    from tests.portal.notices.helpers import notice_board, published_notice

    return {
        f"notice_{suffix}": published_notice(notice_board(estate), title=f"{estate.name}停水通知", kind="outage")
        for suffix, estate in (("a", world.estate_a), ("b", world.estate_b))
    }


def _estate_pages_scene(world) -> dict:
    """A service guide (company phones only) and a committee page under each estate's home page."""
    from tests.portal.committee_pages.helpers import published_committee_page
    from tests.portal.guide.helpers import published_guide

    found = {}
    for suffix, estate in (("a", world.estate_a), ("b", world.estate_b)):
        found[f"guide_{suffix}"] = published_guide(estate)
        found[f"committee_page_{suffix}"] = published_committee_page(estate)
    return found


def _kb_scene(world) -> dict:
    """A self-help article of the company and one under each estate's home page (made by _notice_scene)."""
    from tests.portal.kb.helpers import kb_section, published_article

    return {
        f"kb_{key}": published_article(kb_section(estate), title=f"{key}下水道堵了怎么办", trade="plumbing")
        for key, estate in (("company", None), ("a", world.estate_a), ("b", world.estate_b))
    }


@contextmanager
def rolled_back():
    """Each role's request runs in a savepoint that is rolled back, so roles do not see each other's writes."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _client(row, user):
    if row.api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    return sign_in_verified(client, user) if user is not None else client


def _request(row, world, role):
    user = User.objects.get(pk=world.users[role].pk) if role != "anonymous" else None  # fresh: no cached grants
    client = _client(row, user)
    data = row.body(world, user) if row.body else None
    kwargs = {"format": row.format} if row.api and data is not None else {}
    return user, getattr(client, row.method.lower())(row.url(world), data, **kwargs)


def _problems(row, world, role, user, response):
    expected = row.expect[role]
    allowed = expected if isinstance(expected, set) else {expected}
    if response.status_code not in allowed:
        return [f"{role}: expected {expected}, got {response.status_code}"]
    problems = []
    if row.ids and response.status_code == 200:
        got, want = row.ids_in(response), row.ids(world, role)
        if sorted(got) != sorted(want):
            problems.append(f"{role}: list ids {sorted(got)}, expected exactly {sorted(want)}")
    body = b"" if getattr(response, "streaming", False) else response.content
    phones = set(PHONE.findall(body.decode(errors="replace")))
    if row.own_phone and user is not None:
        phones -= {user.phone.removeprefix("+86")}
    if phones and role not in row.reveals:
        problems.append(f"{role}: unmasked phone numbers in the body: {sorted(phones)}")
    return problems


@pytest.mark.parametrize("row", POLICY, ids=lambda row: row.label)
def test_policy_every_role_gets_the_expected_answer(row, scene):
    problems = []
    for role in ROLES:
        cache.clear()
        with rolled_back():
            user, response = _request(row, scene, role)
            problems += _problems(row, scene, role, user, response)
    assert not problems, f"{row.label}:\n  " + "\n  ".join(problems)


def test_reveal_phone_answers_the_full_number_of_the_person_asked_for(scene, api_as):
    person = scene.users["other_household"].person
    response = api_as(scene.users["manager_b"]).post(f"/api/v1/staff/people/{person.pk}/reveal-phone/")
    assert response.json() == {"phone": person.user.phone}


# --- objects named in a request body are scoped too (SECURITY.md §4.8: authorise every object touched) ----


def test_staff_report_cannot_name_a_reporter_from_another_estate(scene, api_as):
    stranger = scene.users["other_household"].person  # a resident of estate B only
    body = {**report_for_unit_b(scene, None), "unit_id": scene.unit_a.pk, "reporter_id": stranger.pk}
    response = api_as(scene.users["dispatcher"]).post("/api/v1/staff/work-orders/", body, format="json")
    assert response.status_code in (400, 404)
    seen = api_as(scene.users["other_household"]).get("/api/v1/me/repairs/").json()["results"]
    assert {order["estate"] for order in seen} == {"beta"}
