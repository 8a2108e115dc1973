"""Complaint, suggestion and praise integrity (SECURITY.md §2b, §5.6): random programs of allowed and forbidden
steps by the filer, another resident, dispatchers, managers, technicians and committee members of this estate
and another, through the services and (for a few rules) the API, checked after every step against a reference
model written from feedback/complaints/workflow.py's docstring. Anonymity is part of the model: the filer's own
steps on an item anonymous to staff name no actor in the event or the audit row.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from hypothesis.stateful import Bundle, invariant, precondition, rule
from rest_framework.test import APIClient

from core.errors import Conflict, InvalidTransition, NotPermitted
from feedback.complaints import selectors, services
from feedback.complaints.models import Complaint, ComplaintEvent
from feedback.complaints.services import Submission
from feedback.dimensions import TEN_KEYS
from tests.conftest import world_build

from .workflow_support import (
    MACHINE_SETTINGS,
    RolledBackMachine,
    assert_refusal_wrote_nothing,
    audit_since,
    capture_on_commit,
    expected_outbox,
    marks,
    outbox_since,
)

# --- the reference model -----------------------------------------------------------------------------------

BEFORE_ANSWER = {"received", "acknowledged", "investigating"}
OPEN = BEFORE_ANSWER | {"answered", "escalated", "manager_answered", "committee_review"}
STATUSES = OPEN | {"closed", "withdrawn"}
NOTE_REQUIRED = {"answer", "reply", "reject", "manager_answer", "conclude", "forward"}
ACTIONS = ["acknowledge", "investigate", "answer", "reply", "accept", "reject", "manager_answer", "conclude",
           "forward", "withdraw"]  # fmt: skip
# the steps in the order `work_through` offers them: Hypothesis leans to its first choice, and these lead furthest
DEEPEST_FIRST = ["conclude", "manager_answer", "reject", "answer", "investigate", "acknowledge", "forward", "accept",
                 "reply", "withdraw"]  # fmt: skip

ACTORS = ["owner", "tenant", "other_household", "dispatcher", "manager", "technician", "committee", "committee_b",
          "manager_b"]  # fmt: skip
HOMES = {"owner": "a", "tenant": "a", "other_household": "b"}
HANDLERS = {"a": {"dispatcher", "manager"}, "b": {"manager_b"}}
MANAGERS = {"a": {"manager"}, "b": {"manager_b"}}
COMMITTEE = {"a": {"committee"}, "b": {"committee_b"}}


@dataclass
class Item:
    pk: int
    estate: str
    submitter: str
    complaint: bool  # a complaint takes the full flow; praise and suggestions the short one
    route: str  # "company" or "committee"
    anonymous: bool
    committee_sees: bool
    status: str = "received"
    version: int = 1


def roles(actor: str, item: Item) -> set[str]:
    found = set()
    if actor == item.submitter:
        found.add("resident")
    if item.route == "company":
        if actor in HANDLERS[item.estate]:
            found.add("handler")
        if actor in MANAGERS[item.estate]:
            found.add("manager")
    elif actor in COMMITTEE[item.estate]:
        found.add("handler")
    if actor in COMMITTEE[item.estate] and item.committee_sees:
        found.add("committee")
    return found


def move(item: Item, action: str) -> tuple[str, set[str]] | None:
    """(target status, who may) of `action` from the item's status on its route and track; None: not possible."""
    s, company = item.status, item.route == "company"
    table = {
        "acknowledge": s == "received" and ("acknowledged", {"handler"}),
        "investigate": s == "acknowledged" and ("investigating", {"handler"}),
        "answer": s in BEFORE_ANSWER and ("answered" if item.complaint else "closed", {"handler"}),
        "reply": s in OPEN and (s, {"handler", "manager"}),
        "accept": item.complaint and s in {"answered", "manager_answered"} and ("closed", {"resident"}),
        "reject": item.complaint
        and (
            (s == "answered" and ("escalated" if company else "committee_review", {"resident"}))
            or (s == "manager_answered" and company and ("committee_review", {"resident"}))
        ),
        "manager_answer": item.complaint and company and s == "escalated" and ("manager_answered", {"manager"}),
        "conclude": item.complaint and s == "committee_review" and ("closed", {"committee"}),
        "forward": not company and s in BEFORE_ANSWER | {"committee_review"} and ("received", {"committee"}),
        "withdraw": s in OPEN and ("withdrawn", {"resident"}),
    }
    return table[action] or None


def expected_error(item: Item, actor: str, action: str, note: str):
    found = move(item, action)
    if found is None:
        return InvalidTransition
    if not (roles(actor, item) & found[1]):
        return NotPermitted
    if action in NOTE_REQUIRED and not note.strip():
        return ValidationError
    return None


# --- the machine ---------------------------------------------------------------------------------------------

ERROR_STATUS = {InvalidTransition: 409, Conflict: 409, NotPermitted: 403, ValidationError: 400}
API = {  # audience → (URL prefix, its actions, who may call it at all, the selector scoping it)
    "resident": ("me/complaints", ("accept", "reject", "withdraw"), ("owner", "tenant", "other_household")),
    "staff": ("staff/complaints", ("acknowledge", "answer", "reply", "manager_answer"),
              ("dispatcher", "manager", "manager_b")),
    "committee": ("committee/complaints", ("acknowledge", "answer", "forward", "conclude"),
                  ("committee", "committee_b")),
}  # fmt: skip


class ComplaintMachine(RolledBackMachine):
    items = Bundle("items")

    def __init__(self):
        super().__init__()
        self.world = world_build()
        self.users = dict(self.world.users)
        self.model: dict[int, Item] = {}
        self.filed = 0

    def user(self, name):
        return self.users[name]

    # --- filing --------------------------------------------------------------------------------------------

    @precondition(lambda self: self.filed < 4)  # under the daily cap of five a person
    @rule(
        target=items,
        submitter=st.sampled_from(["owner", "tenant", "other_household"]),
        kind=st.sampled_from(["complaint", "suggestion", "praise"]),
        addressee=st.sampled_from(["company", "committee"]),
        anonymous=st.booleans(),
    )
    def submit(self, submitter, kind, addressee, anonymous):
        self.filed += 1
        estate = HOMES[submitter]
        mark = marks()
        with capture_on_commit() as callbacks:
            found = services.complaint_submit(
                actor=self.user(submitter),
                submission=Submission(
                    kind=kind, title=f"第{self.filed}件", body=f"电梯又坏了 {self.filed}",
                    estate=self.world.estate_b.slug if estate == "b" else self.world.estate_a.slug,
                    addressee=addressee, dimensions=(TEN_KEYS[0],), anonymous_to_staff=anonymous,
                ),
            )  # fmt: skip
        item = Item(found.pk, estate, submitter, kind == "complaint", addressee, anonymous, addressee == "committee")
        self.model[item.pk] = item
        [audit] = audit_since(mark)
        assert audit.action == "complaint.submit" and audit.object_id == str(item.pk)
        assert audit.actor_id == (None if anonymous else self.user(submitter).pk)
        told = COMMITTEE[estate] if addressee == "committee" else HANDLERS[estate]
        key = f"complaint.{item.pk}.new"
        assert outbox_since(mark) == expected_outbox({f"{key}.{self.user(n).pk}": [self.user(n)] for n in told})
        assert callbacks
        return item

    # --- every step, allowed or not --------------------------------------------------------------------------

    @rule(item=items, actor=st.sampled_from(ACTORS), action=st.sampled_from(ACTIONS),
          note=st.sampled_from(["", " ", "已核实，周五前修好"]))  # fmt: skip
    def act(self, item, actor, action, note):
        self._attempt(item, actor, action, note, lambda: self._call_service(item, actor, action, note))

    @rule(item=items, stop=st.integers(2, 6), data=st.data())
    def work_through(self, item, stop, data):
        """Steps the model allows, up to `stop` of them, each by an actor and action drawn among the allowed
        (random steps alone seldom get an item as far as a committee review)."""
        for _ in range(stop):
            allowed = [(a, act) for act in DEEPEST_FIRST for a in ACTORS if expected_error(item, a, act, "x") is None]
            if not allowed or item.status not in OPEN:
                return
            actor, action = data.draw(st.sampled_from(allowed), label="step")
            self._attempt(item, actor, action, "已处理",
                          lambda a=actor, s=action: self._call_service(item, a, s, "已处理"))  # fmt: skip

    def _call_service(self, item, actor, action, note):
        pk, user = item.pk, self.user(actor)
        calls = {
            "acknowledge": lambda: services.complaint_acknowledge(complaint_id=pk, actor=user, note=note),
            "investigate": lambda: services.complaint_investigate(complaint_id=pk, actor=user, note=note),
            "answer": lambda: services.complaint_answer(complaint_id=pk, actor=user, answer=note),
            "reply": lambda: services.complaint_reply(complaint_id=pk, actor=user, text=note),
            "accept": lambda: services.complaint_accept(complaint_id=pk, actor=user, note=note),
            "reject": lambda: services.complaint_reject(complaint_id=pk, actor=user, reason=note),
            "manager_answer": lambda: services.complaint_manager_answer(complaint_id=pk, actor=user, answer=note),
            "conclude": lambda: services.complaint_conclude(complaint_id=pk, actor=user, conclusion=note),
            "forward": lambda: services.complaint_forward(complaint_id=pk, actor=user, note=note),
            "withdraw": lambda: services.complaint_withdraw(complaint_id=pk, actor=user, note=note),
        }
        try:
            calls[action]()
        except (InvalidTransition, Conflict, NotPermitted, ValidationError) as exc:
            return type(exc)
        return None

    @rule(item=items, actor=st.sampled_from(["owner", "dispatcher", "committee"]))
    def act_with_a_stale_version(self, item, actor):
        if item.version == 1:
            return
        before, mark = self._snapshot(), marks()
        with capture_on_commit() as callbacks:
            try:
                services.complaint_withdraw(complaint_id=item.pk, actor=self.user(actor),
                                            expected_version=item.version - 1)  # fmt: skip
            except Conflict:
                pass
            else:
                raise AssertionError("a stale expected_version must answer 409 Conflict")
        self._assert_unchanged(before, mark, callbacks)

    # --- a few steps through the API: out of scope answers 404 -----------------------------------------------

    @rule(item=items, audience=st.sampled_from(sorted(API)), data=st.data())
    def act_through_the_api(self, item, audience, data):
        prefix, actions, callers = API[audience]
        actor = data.draw(st.sampled_from(callers), label="actor")
        action = data.draw(st.sampled_from(actions), label="action")
        scope = {"resident": selectors.complaints_for_resident, "staff": selectors.complaints_for_staff,
                 "committee": selectors.complaints_for_committee}[audience]  # fmt: skip
        in_scope = item.pk in self._visible(audience, actor)
        assert in_scope == scope(user=self.user(actor)).filter(pk=item.pk).exists()

        def call():
            client = APIClient()
            client.force_authenticate(self.user(actor))
            url = f"/api/v1/{prefix}/{item.pk}/{action.replace('_', '-')}/"
            answer = client.post(url, {"note": "说明情况"}, format="json")
            if answer.status_code == 404:
                return "not_found"
            if answer.status_code in (200, 204):
                return None
            found = [error for error, code in ERROR_STATUS.items() if code == answer.status_code]
            assert found, (answer.status_code, answer.content)
            return found

        self._attempt(item, actor, action, "说明情况", call, scoped=in_scope)

    # --- the common check of one step -------------------------------------------------------------------------

    def _attempt(self, item: Item, actor: str, action: str, note: str, call, *, scoped: bool = True):
        expected = expected_error(item, actor, action, note) if scoped else "not_found"
        before, mark = self._snapshot(), marks()
        event_mark = ComplaintEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with capture_on_commit() as callbacks:
            got = call()
        if isinstance(got, list):
            assert expected in got, (item, actor, action, expected, got)
        else:
            assert got == expected, (item, actor, action, expected, got)
        if expected is not None:
            denied = self.users[actor] if isinstance(got, list) and NotPermitted in got else None
            self._assert_unchanged(before, mark, callbacks, denied)
            return
        source, by_resident = item.status, actor == item.submitter
        self._apply(item, action)
        hidden = by_resident and item.anonymous
        user = self.user(actor)
        [event] = ComplaintEvent.objects.filter(pk__gt=event_mark)
        assert (event.complaint_id, event.action, event.from_status, event.to_status) == (
            item.pk, action, source, item.status,
        )  # fmt: skip
        assert event.actor_id == (None if hidden else user.pk), "an anonymous filer's own step names them"
        [audit] = audit_since(mark)
        assert (audit.action, audit.object_id, audit.actor_id) == (
            f"complaint.{action}", str(item.pk), None if hidden else user.pk,
        )  # fmt: skip
        assert outbox_since(mark) == expected_outbox(self._told(item, action, event.pk, by_resident))
        assert callbacks or not self._told(item, action, event.pk, by_resident)

    def _apply(self, item: Item, action: str) -> None:
        source = item.status
        item.status = move(item, action)[0]
        item.version += 1
        if action == "reject" and not (source == "answered" and item.route == "company"):
            item.committee_sees = True
        if action == "forward":
            item.route = "company"

    def _told(self, item: Item, action: str, event_pk: int, by_resident: bool) -> dict:
        """Outbox recipients by event key: the filer of a step not theirs, and whoever must act next."""
        key = f"complaint.{item.pk}.event.{event_pk}"
        told = {} if by_resident else {key: [self.user(item.submitter)]}
        nxt = set()
        if item.status == "escalated":
            nxt = MANAGERS[item.estate]
        elif item.status == "committee_review":
            nxt = COMMITTEE[item.estate]
        elif action == "forward":
            nxt = HANDLERS[item.estate]
        told.update({f"{key}.{self.user(n).pk}": [self.user(n)] for n in nxt})
        return told

    def _snapshot(self):
        rows = Complaint.objects.order_by("pk").values_list("pk", "status", "route", "version", "committee_since")
        return list(rows), ComplaintEvent.objects.count()

    def _assert_unchanged(self, before, mark, callbacks, denied=None):
        assert self._snapshot() == before, "a refused step changed an item or wrote an event"
        assert_refusal_wrote_nothing(mark, callbacks, denied)

    # --- after every step -------------------------------------------------------------------------------------

    def _visible(self, audience: str, name: str) -> set[int]:
        """What the model lets `name` see through that audience's selector."""
        items = self.model.values()
        if audience == "resident":
            return {i.pk for i in items if i.submitter == name}
        if audience == "staff":
            return {i.pk for i in items if i.route == "company" and name in HANDLERS[i.estate]}
        return {i.pk for i in items if i.committee_sees and name in COMMITTEE[i.estate]}

    @invariant()
    def items_match_the_model(self):
        for pk, status, route, version, since in Complaint.objects.values_list(
            "pk", "status", "route", "version", "committee_since"
        ):
            want = self.model[pk]
            assert status in STATUSES
            assert (status, route, version, since is not None) == (
                want.status, want.route, want.version, want.committee_sees,
            )  # fmt: skip

    @invariant()
    def each_sees_only_what_the_model_allows(self):
        scopes = {"resident": selectors.complaints_for_resident, "staff": selectors.complaints_for_staff,
                  "committee": selectors.complaints_for_committee}  # fmt: skip
        for name in ACTORS:
            for audience, scope in scopes.items():
                found = set(scope(user=self.user(name)).values_list("pk", flat=True))
                assert found == self._visible(audience, name), (name, audience)


class TestComplaintMachine(ComplaintMachine.TestCase, TestCase):
    settings = MACHINE_SETTINGS
