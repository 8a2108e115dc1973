"""Every upload endpoint of the product, web and API, as the corpus tests drive them (SECURITY.md §2e).

Found by grepping FileField/ImageField/request.FILES/MultiPartParser: repair photos (when reporting on the web,
later on the web and the API, after-photos by the assignee on the web and the API), paper-ballot scans (web, API),
the committee document library (company and committee, web and API), disclosure attachments (web, API) and the
registry import (web, API). Feedback and complaints take no files; Open311 parses multipart but keeps no file
(media_url is "not kept"); Wagtail documents and images are uploaded only by CMS editors, hold no resident data
(SECURITY.md §0) and are Wagtail's own validation (WAGTAILDOCS_EXTENSIONS): not in this corpus.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from committee.disclosures.models import DisclosureAttachment
from committee.disclosures.services import disclosure_draft_create
from committee.documents.models import Document
from committee.votes.models import Ballot, Motion
from committee.votes.services import motion_announce, motion_create
from repairs.models import WorkOrder, WorkOrderPhoto
from repairs.services import Report, work_order_accept, work_order_assign, work_order_start, work_order_submit
from residents.models import Person, Unit
from tests.committee.disclosure_helpers import entry_input
from tests.committee.votes_helpers import motion_input


@dataclass(frozen=True)
class Endpoint:
    """One upload endpoint: who posts, where, the file field, the other fields, and the rows it writes."""

    id: str
    kind: str  # photo | scan | document | registry: which corpus outcomes apply
    role: str
    field: str
    api: bool
    prepare: object  # (world) -> (url, other fields)
    rows: object  # () -> tuple of counts that a refused upload must leave as they were


def _order(world, *, started=False):
    order = work_order_submit(actor=world.users["owner"], report=Report(trade="plumbing", description="水管漏水",
                                                                        unit_id=world.unit_a.pk))  # fmt: skip
    if started:
        dispatcher, technician = world.users["dispatcher"], world.users["technician"]
        work_order_accept(order_id=order.pk, actor=dispatcher)
        work_order_assign(order_id=order.pk, technician_id=technician.pk, actor=dispatcher)
        work_order_start(order_id=order.pk, actor=technician)
    return order


def _open_vote(world):
    actor = world.users["committee"]
    motion = motion_create(estate_id=world.estate_a.pk, actor=actor, data=motion_input())
    motion_announce(motion_id=motion.pk, actor=actor)
    Motion.objects.filter(pk=motion.pk).update(opens_at=timezone.now() - timedelta(days=1))  # open now
    return motion


def _draft(world):
    return disclosure_draft_create(actor=world.users["manager"], estate_id=world.estate_a.pk, data=entry_input())


def _photos():
    return (WorkOrderPhoto.objects.count(),)


def _report(world):
    return "/repairs/new/", {"place": f"unit:{world.unit_a.pk}", "trade": "plumbing", "priority": "routine",
                             "description": "厨房漏水"}  # fmt: skip


PAPER = {"voter": "developer", "choice": "yes", "channel": "paper"}
DOCUMENT = {"title": "管理规约", "category": "covenant", "access": "residents"}
ENDPOINTS = [
    Endpoint("web-report", "photo", "owner", "photos", False, _report,
             lambda: (WorkOrder.objects.count(), WorkOrderPhoto.objects.count())),
    Endpoint("web-resident-photo", "photo", "owner", "photo", False,
             lambda w: (f"/repairs/{_order(w).pk}/", {"action": "photo"}), _photos),
    Endpoint("api-resident-photo", "photo", "owner", "photo", True,
             lambda w: (f"/api/v1/me/repairs/{_order(w).pk}/photos/", {}), _photos),
    Endpoint("web-after-photo", "photo", "technician", "photo", False,
             lambda w: (f"/staff/work-orders/{_order(w, started=True).pk}/", {"action": "photo"}), _photos),
    Endpoint("api-after-photo", "photo", "technician", "photo", True,
             lambda w: (f"/api/v1/staff/work-orders/{_order(w, started=True).pk}/photos/", {"kind": "after"}),
             _photos),
    Endpoint("web-paper-ballot", "scan", "committee", "scan", False,
             lambda w: (f"/staff/committee/votes/{_open_vote(w).pk}/paper-ballot/", PAPER),
             lambda: (Ballot.objects.count(),)),
    Endpoint("api-paper-ballot", "scan", "committee", "scan", True,
             lambda w: (f"/api/v1/committee/votes/{_open_vote(w).pk}/paper-ballots/", PAPER),
             lambda: (Ballot.objects.count(),)),
    Endpoint("web-company-documents", "document", "manager", "file", False,
             lambda w: ("/staff/committee/alpha/documents/", DOCUMENT), lambda: (Document.objects.count(),)),
    Endpoint("api-company-documents", "document", "manager", "file", True,
             lambda w: ("/api/v1/staff/committee/alpha/documents/", DOCUMENT), lambda: (Document.objects.count(),)),
    Endpoint("web-committee-documents", "document", "committee", "file", False,
             lambda w: ("/committee/alpha/documents/", DOCUMENT), lambda: (Document.objects.count(),)),
    Endpoint("api-committee-documents", "document", "committee", "file", True,
             lambda w: ("/api/v1/committee/alpha/documents/", DOCUMENT), lambda: (Document.objects.count(),)),
    Endpoint("web-disclosure-attachment", "document", "manager", "file", False,
             lambda w: (f"/staff/committee/alpha/disclosures/{_draft(w).pk}/attach/", {}),
             lambda: (DisclosureAttachment.objects.count(),)),
    Endpoint("api-disclosure-attachment", "document", "manager", "file", True,
             lambda w: (f"/api/v1/staff/committee/alpha/disclosures/{_draft(w).pk}/attachments/", {}),
             lambda: (DisclosureAttachment.objects.count(),)),
    Endpoint("web-registry-import", "registry", "manager", "file", False,
             lambda w: ("/staff/import/", {}), lambda: (Unit.objects.count(), Person.objects.count())),
    Endpoint("api-registry-import", "registry", "manager", "file", True,
             lambda w: ("/api/v1/staff/imports/", {"dry_run": "false"}),
             lambda: (Unit.objects.count(), Person.objects.count())),
]  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    status: int
    messages: list  # the refusal's messages (str), as the user reads them


def outcome(endpoint: Endpoint, response) -> Outcome:
    """What the user was told: an API's JSON, or the web page's form errors and flash messages."""
    if endpoint.api:
        body = response.json() if response["Content-Type"].startswith("application/json") else {}
        found = _api_messages(body, endpoint.field)
        return Outcome(response.status_code in (200, 201), response.status_code, found)
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    errors = [str(e) for errs in form.errors.values() for e in errs] if form is not None else []
    flashed = list(get_messages(response.wsgi_request))
    errors += [str(m) for m in flashed if m.level_tag == "error"]
    accepted = response.status_code == 302 and not errors and any(m.level_tag == "success" for m in flashed)
    return Outcome(accepted, response.status_code, errors)


def _api_messages(body, field: str) -> list:
    if isinstance(body.get("errors"), dict):
        return [str(m) for m in body["errors"].get(field, [])] or [str(body.get("detail", ""))]
    if isinstance(body.get("errors"), list):  # the registry import's report
        return [row["message"] for row in body["errors"]]
    return [str(body["detail"])] if body.get("detail") else []


class _Chain(io.RawIOBase):
    """Several byte strings and open files read one after the other, without joining them in memory."""

    def __init__(self, parts):
        self.parts = [io.BytesIO(part) if isinstance(part, bytes) else part for part in parts]

    def readable(self):
        return True

    def readinto(self, buffer):
        while self.parts:
            count = self.parts[0].readinto(buffer)
            if count:
                return count
            self.parts.pop(0)
        return 0


def post_streamed(client, url: str, fields: dict, file_field: str, path, **extra):
    """POST a multipart body whose file part is read from `path` as Django reads the request, so a 50 MB
    (sparse) file costs no memory in the test; works for the web and the API test clients alike."""
    boundary = "linli-upload-boundary"
    head = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields.items())  # fmt: skip
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="big.jpg"\r\n'
             "Content-Type: image/jpeg\r\n\r\n").encode()  # fmt: skip
    tail = f"\r\n--{boundary}--\r\n".encode()
    with open(path, "rb") as body:
        stream = io.BufferedReader(_Chain([head, body, tail]), 1 << 16)
        length = len(head) + path.stat().st_size + len(tail)
        content_type = f"multipart/form-data; boundary={boundary}"
        return client.generic("POST", url, b"", content_type=content_type, **extra, CONTENT_TYPE=content_type,
                              CONTENT_LENGTH=str(length), **{"wsgi.input": stream})  # fmt: skip
