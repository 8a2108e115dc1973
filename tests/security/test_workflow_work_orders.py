"""Work-order integrity (SECURITY.md §2b, §5.6): random programs of allowed and forbidden steps by every actor,
through the services and (for a few rules) the API, checked after every step against a small reference model.

The model below is written from the documented workflow (repairs/workflow.py's docstrings and the service
docstrings), not read from the state table, so a wrong row in the table shows up as a disagreement.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from hypothesis.stateful import Bundle, invariant, precondition, rule
from rest_framework.test import APIClient

from core.errors import Conflict, InvalidTransition, NotPermitted
from repairs import selectors, services
from repairs.models import WorkOrder, WorkOrderEvent
from repairs.services import Report
from tests.conftest import world_build
from tests.residents.factories import EstateRoleFactory

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

BEFORE_WORK = {"submitted", "accepted", "assigned", "scheduled"}
# action → (statuses it starts from, status it leads to, who may take it, a note is required)
MOVES = {
    "accept": ({"submitted"}, "accepted", {"staff"}, False),
    "reject": ({"submitted"}, "rejected", {"staff"}, True),
    "merge": ({"submitted", "accepted"}, "merged", {"staff"}, False),
    "assign": ({"accepted", "assigned", "scheduled"}, "assigned", {"staff"}, False),
    "schedule": ({"assigned", "scheduled"}, "scheduled", {"staff", "assignee"}, False),
    "start": ({"assigned", "scheduled"}, "in_progress", {"assignee"}, False),
    "hold": ({"in_progress"}, "on_hold", {"staff", "assignee"}, True),
    "resume": ({"on_hold"}, "in_progress", {"staff", "assignee"}, False),
    "complete": ({"in_progress"}, "completed", {"assignee"}, True),
    "confirm": ({"completed"}, "confirmed", {"reporter"}, False),
    "reopen": ({"completed", "confirmed"}, "accepted", {"reporter", "staff"}, True),
    "committee_reopen": ({"completed", "confirmed", "closed"}, "accepted", {"committee"}, True),
    "close": ({"confirmed"}, "closed", {"staff"}, False),
    "cancel": (BEFORE_WORK, "cancelled", {"reporter", "staff"}, False),
}
STATUSES = {"submitted", "accepted", "rejected", "merged", "assigned", "scheduled", "in_progress", "on_hold",
            "completed", "confirmed", "closed", "cancelled"}  # fmt: skip
WITH_ASSIGNEE = {"assigned", "scheduled", "in_progress", "on_hold", "completed", "confirmed", "closed"}
NOT_A_MASTER = {"merged", "cancelled", "rejected"}  # (and "joined": no outage here)

ACTORS = ["owner", "tenant", "other_household", "dispatcher", "technician", "technician_2", "technician_b",
          "manager", "manager_b", "committee"]  # fmt: skip
HOUSEHOLD = {"a": {"owner", "tenant"}, "b": {"other_household"}}
STAFF = {"a": {"dispatcher", "manager"}, "b": {"manager_b"}}
TECHNICIANS = {"a": {"technician", "technician_2"}, "b": {"technician_b"}}
COMMITTEE = {"a": {"committee"}, "b": set()}


@dataclass
class Order:
    pk: int
    estate: str
    reporter: str
    status: str = "submitted"
    assignee: str | None = None
    version: int = 1
    master: int | None = None


def roles(actor: str, order: Order) -> set[str]:
    found = set()
    if actor in STAFF[order.estate]:
        found.add("staff")
    if actor == order.assignee:
        found.add("assignee")
    if actor in HOUSEHOLD[order.estate]:
        found.add("reporter")
    if actor in COMMITTEE[order.estate]:
        found.add("committee")
    return found


@dataclass(frozen=True)
class Attempt:
    actor: str
    action: str
    note: str
    technician: str
    rating: int
    master: Order | None
    past: bool  # a visit time in the past (schedule)


def expected_error(orders: dict[int, Order], order: Order, attempt: Attempt):
    """The error the step must raise (None: it succeeds), in the order the service checks."""
    sources, _target, who, note_required = MOVES[attempt.action]
    if order.status not in sources:
        return InvalidTransition
    if not (roles(attempt.actor, order) & who):
        return NotPermitted
    if note_required and not attempt.note.strip():
        return ValidationError
    if attempt.action == "assign" and attempt.technician not in TECHNICIANS[order.estate]:
        return ValidationError
    if attempt.action == "confirm" and attempt.rating not in range(1, 6):
        return ValidationError
    if attempt.action == "schedule" and attempt.past:
        return ValidationError
    if attempt.action == "merge":
        master = attempt.master
        if master is None or master.pk == order.pk or master.estate != order.estate or master.status in NOT_A_MASTER:
            return ValidationError
    return None


def apply(orders: dict[int, Order], order: Order, attempt: Attempt) -> None:
    order.status = MOVES[attempt.action][1]
    order.version += 1
    if attempt.action == "assign":
        order.assignee = attempt.technician
    elif attempt.action in ("reopen", "committee_reopen"):
        order.assignee = None
    elif attempt.action == "merge":
        order.master = attempt.master.pk


def followers(orders: dict[int, Order], order: Order) -> list[str]:
    """Who is told of a step: the reporter and the reporters of the duplicates merged into the order."""
    merged = [o.reporter for o in orders.values() if o.master == order.pk and o.status == "merged"]
    return list(dict.fromkeys([order.reporter, *merged]))


# --- the machine ---------------------------------------------------------------------------------------------

ERROR_STATUS = {InvalidTransition: 409, Conflict: 409, NotPermitted: 403, ValidationError: 400}
RESIDENT_API_ACTIONS = ("confirm", "reopen", "cancel")
STAFF_API_ACTIONS = ("accept", "assign", "schedule", "start", "hold", "resume", "complete", "reopen", "cancel", "close")
ACTIONS = sorted(MOVES)
HAPPY_PATH = ["accept", "assign", "schedule", "start", "hold", "resume", "complete", "confirm", "close"]
# steps taking the version the caller saw; the version is checked before anything else
STALE_STEPS = (
    services.work_order_accept,
    services.work_order_start,
    lambda **kw: services.work_order_cancel(reason="x", **kw),
    lambda **kw: services.work_order_reopen(reason="x", **kw),
)


class WorkOrderMachine(RolledBackMachine):
    orders = Bundle("orders")

    def __init__(self):
        super().__init__()
        world = world_build()
        self.world = world
        self.users = dict(world.users)
        self.users["technician_2"] = EstateRoleFactory(estate=world.estate_a, role="technician").user
        self.users["technician_b"] = EstateRoleFactory(estate=world.estate_b, role="technician").user
        self.model: dict[int, Order] = {}
        self.filed = 0

    # --- filing --------------------------------------------------------------------------------------------

    @precondition(lambda self: self.filed < 4)
    @rule(target=orders, reporter=st.sampled_from(["owner", "tenant", "owner", "other_household"]))
    def submit(self, reporter):
        estate = "b" if reporter == "other_household" else "a"
        unit = self.world.unit_b if estate == "b" else self.world.unit_a
        self.filed += 1
        mark = marks()
        order = services.work_order_submit(
            actor=self.users[reporter],
            report=Report(trade="plumbing", description=f"漏水 {self.filed}", unit_id=unit.pk),
        )
        self.model[order.pk] = Order(order.pk, estate, reporter)
        [audit] = audit_since(mark)
        assert (audit.action, audit.object_id) == ("work_order.submit", str(order.pk))
        key = f"wo.{order.pk}.submitted"
        assert outbox_since(mark) == expected_outbox({key: [self.users[reporter]]})
        return self.model[order.pk]

    # --- every step, allowed or not, through the services -------------------------------------------------

    @rule(
        order=orders,
        actor=st.sampled_from(ACTORS),
        action=st.sampled_from(ACTIONS),
        note=st.sampled_from(["", "   ", "零件到了再修"]),
        technician=st.sampled_from(["technician", "technician_2", "technician_b", "dispatcher"]),
        rating=st.sampled_from([5, 3, 0, 6]),
        master=st.one_of(st.none(), orders),
        past=st.booleans(),
    )
    def act(self, order, actor, action, note, technician, rating, master, past):
        attempt = Attempt(actor, action, note, technician, rating, master, past)
        self._attempt(order, attempt, lambda: self._call_service(order, attempt))

    def _call_service(self, order: Order, a: Attempt):
        user, pk = self.users[a.actor], order.pk
        when = timezone.now() + timedelta(days=-2 if a.past else 2)
        calls = {
            "accept": lambda: services.work_order_accept(order_id=pk, actor=user),
            "reject": lambda: services.work_order_reject(order_id=pk, actor=user, reason=a.note),
            "merge": lambda: services.work_order_merge(order_id=pk, master_id=a.master.pk if a.master else 0,
                                                       actor=user),
            "assign": lambda: services.work_order_assign(order_id=pk, technician_id=self.users[a.technician].pk,
                                                         actor=user),
            "schedule": lambda: services.work_order_schedule(order_id=pk, when=when, actor=user),
            "start": lambda: services.work_order_start(order_id=pk, actor=user),
            "hold": lambda: services.work_order_hold(order_id=pk, actor=user, reason=a.note),
            "resume": lambda: services.work_order_resume(order_id=pk, actor=user),
            "complete": lambda: services.work_order_complete(order_id=pk, actor=user, notes=a.note),
            "confirm": lambda: services.work_order_confirm(order_id=pk, actor=user, rating=a.rating),
            "reopen": lambda: services.work_order_reopen(order_id=pk, actor=user, reason=a.note),
            "committee_reopen": lambda: services.work_order_reopen_on_spot_check(order_id=pk, actor=user,
                                                                                 finding=a.note),
            "close": lambda: services.work_order_close(order_id=pk, actor=user),
            "cancel": lambda: services.work_order_cancel(order_id=pk, actor=user, reason=a.note),
        }  # fmt: skip
        try:
            calls[a.action]()
        except (InvalidTransition, Conflict, NotPermitted, ValidationError) as exc:
            return type(exc)
        return None

    # --- a step the model allows (random steps alone rarely get past the first few statuses) ------------------

    @rule(order=orders, stop=st.integers(1, len(HAPPY_PATH)), data=st.data())
    def work_through(self, order, stop, data):
        """The order taken along the happy path as far as `stop` steps, each by an actor the model allows (random
        steps alone rarely get past the first statuses). Cancelling, rejecting and merging end an order: `act`
        and `merge_as_duplicate` try those."""
        for action in HAPPY_PATH[:stop]:
            self._allowed_step(order, data, action)

    @rule(order=orders, action=st.sampled_from(["reopen", "committee_reopen", "assign"]), data=st.data())
    def go_back(self, order, action, data):
        """A finished order reopened (by the resident, staff or the committee's spot check), or reassigned."""
        self._allowed_step(order, data, action)

    def _allowed_step(self, order, data, action):
        techs = sorted(TECHNICIANS[order.estate]) if action == "assign" else ["technician"]
        candidates = [Attempt(actor, action, "已处理", tech, 5, None, False) for actor in ACTORS for tech in techs]
        allowed = [a for a in candidates if expected_error(self.model, order, a) is None]
        if allowed:
            attempt = data.draw(st.sampled_from(allowed), label=action)
            self._attempt(order, attempt, lambda: self._call_service(order, attempt))

    @rule(order=orders, master=orders, actor=st.sampled_from(["dispatcher", "manager_b", "owner"]))
    def merge_as_duplicate(self, order, master, actor):
        attempt = Attempt(actor, "merge", "", "technician", 5, master, False)
        self._attempt(order, attempt, lambda: self._call_service(order, attempt))

    # --- a stale version is refused whatever the step ------------------------------------------------------

    @rule(order=orders, actor=st.sampled_from(["dispatcher", "manager", "owner"]), step=st.sampled_from(STALE_STEPS))
    def act_with_a_stale_version(self, order, actor, step):
        if order.version == 1:
            return  # no older version exists yet
        before, mark = self._snapshot(), marks()
        with capture_on_commit() as callbacks:
            try:
                step(order_id=order.pk, actor=self.users[actor], expected_version=order.version - 1)
            except Conflict:
                pass
            else:
                raise AssertionError("a stale expected_version must answer 409 Conflict")
        self._assert_unchanged(before, mark, callbacks)

    # --- a few steps through the API: out-of-scope orders answer 404 -----------------------------------------

    @rule(
        order=orders,
        actor=st.sampled_from(["owner", "tenant", "other_household"]),
        action=st.sampled_from(RESIDENT_API_ACTIONS),
    )
    def act_through_the_resident_api(self, order, actor, action):
        attempt = Attempt(actor, action, "没修好", "technician", 4, None, False)
        self._attempt(order, attempt, lambda: self._call_api(order, attempt, f"/api/v1/me/repairs/{order.pk}/"),
                      scoped=actor in HOUSEHOLD[order.estate])  # fmt: skip

    @rule(
        order=orders,
        actor=st.sampled_from(["dispatcher", "manager", "manager_b", "technician", "technician_2"]),
        action=st.sampled_from(STAFF_API_ACTIONS),
        technician=st.sampled_from(["technician", "technician_2", "technician_b"]),
    )
    def act_through_the_staff_api(self, order, actor, action, technician):
        attempt = Attempt(actor, action, "配件", technician, 4, None, False)
        in_scope = actor in STAFF[order.estate] or actor == order.assignee
        self._attempt(order, attempt,
                      lambda: self._call_api(order, attempt, f"/api/v1/staff/work-orders/{order.pk}/"),
                      scoped=in_scope)  # fmt: skip

    def _call_api(self, order: Order, a: Attempt, base: str):
        client = APIClient()
        client.force_authenticate(self.users[a.actor])
        body = {"note": a.note, "rating": a.rating, "technician_id": self.users[a.technician].pk,
                "scheduled_for": (timezone.now() + timedelta(days=2)).isoformat()}  # fmt: skip
        answer = client.post(f"{base}{a.action}/", body, format="json")
        if answer.status_code == 404:
            return "not_found"
        if answer.status_code == 200:
            return None
        found = [error for error, code in ERROR_STATUS.items() if code == answer.status_code]
        assert found, (answer.status_code, answer.content)
        return found  # the classes answering with this status

    # --- the common check of one step -----------------------------------------------------------------------

    def _attempt(self, order: Order, attempt: Attempt, call, *, scoped: bool = True):
        expected = expected_error(self.model, order, attempt) if scoped else "not_found"
        before, mark = self._snapshot(), marks()
        event_mark = WorkOrderEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with capture_on_commit() as callbacks:
            got = call()
        if isinstance(got, list):  # an API answer: any error class with that status code
            assert expected in got, (attempt, expected, got)
        else:
            assert got == expected, (attempt, order, expected, got)
        if expected is not None:
            denied = self.users[attempt.actor] if isinstance(got, list) and NotPermitted in got else None
            self._assert_unchanged(before, mark, callbacks, denied)
            return
        source, version = order.status, order.version
        # followers are read before the step: a merge's reporter is told on the merged order, not the master
        told = followers(self.model, order)
        apply(self.model, order, attempt)
        [event] = WorkOrderEvent.objects.filter(pk__gt=event_mark)
        user = self.users[attempt.actor]
        assert (event.order_id, event.action, event.from_status, event.to_status, event.actor_id) == (
            order.pk, attempt.action, source, order.status, user.pk,
        ), attempt  # fmt: skip
        [audit] = audit_since(mark)
        assert (audit.action, audit.object_id, audit.actor_id) == (
            f"work_order.{attempt.action}", str(order.pk), user.pk,
        )  # fmt: skip
        keys = {f"wo.{order.pk}.event.{event.pk}": [self.users[name] for name in told]}
        if attempt.action == "assign":
            keys[f"wo.{order.pk}.assigned.{version}"] = [self.users[attempt.technician]]
        assert outbox_since(mark) == expected_outbox(keys), attempt
        assert callbacks, "the outbox rows are published only once the step commits"

    def _snapshot(self):
        rows = WorkOrder.objects.order_by("pk").values_list("pk", "status", "assignee_id", "version", "master_id")
        return list(rows), WorkOrderEvent.objects.count()

    def _assert_unchanged(self, before, mark, callbacks, denied=None):
        assert self._snapshot() == before, "a refused step changed an order or wrote an event"
        assert_refusal_wrote_nothing(mark, callbacks, denied)

    # --- after every step -------------------------------------------------------------------------------------

    @invariant()
    def orders_match_the_model(self):
        for pk, status, assignee_id, version, master_id in WorkOrder.objects.values_list(
            "pk", "status", "assignee_id", "version", "master_id"
        ):
            want = self.model[pk]
            assignee = self.users[want.assignee].pk if want.assignee else None
            assert status in STATUSES
            assert (status, assignee_id, version, master_id) == (want.status, assignee, want.version, want.master)
            # one assignee at most (a single column), and one while the work is on: a technician of the estate
            if status in {"assigned", "scheduled", "in_progress", "on_hold"}:
                assert want.assignee in TECHNICIANS[want.estate]

    @invariant()
    def nobody_sees_another_households_orders(self):
        def ids(queryset):
            return set(queryset.values_list("pk", flat=True))

        for name in ("owner", "tenant", "other_household"):
            estate = "b" if name == "other_household" else "a"
            mine = {o.pk for o in self.model.values() if o.estate == estate}
            assert ids(selectors.orders_for_resident(user=self.users[name])) == mine
            assert ids(selectors.orders_list_for_resident(user=self.users[name])) == mine
        for name in ("dispatcher", "manager", "manager_b"):
            estate = "b" if name == "manager_b" else "a"
            assert ids(selectors.orders_for_staff(user=self.users[name])) == {
                o.pk for o in self.model.values() if o.estate == estate
            }
        for name in ("technician", "technician_2", "technician_b", "committee"):
            assigned = {o.pk for o in self.model.values() if o.assignee == name}
            assert ids(selectors.orders_for_staff(user=self.users[name])) == assigned
            open_jobs = {pk for pk in assigned if self.model[pk].status in BEFORE_WORK | {"in_progress", "on_hold"}}
            assert ids(selectors.my_jobs(user=self.users[name])) == open_jobs


class TestWorkOrderMachine(WorkOrderMachine.TestCase, TestCase):
    settings = MACHINE_SETTINGS
