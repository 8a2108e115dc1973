"""What the workflow state machines share (SECURITY.md §2b, §5.6): per-example rollback, the settings they run
with, and the ledger of what one step wrote (events, audit rows, outbox rows, on-commit callbacks).

Why each example opens its own savepoint: Hypothesis calls a test case's `setup_example` only for @given tests
whose first argument is the test case, and a state machine's runTest is not one, so
`hypothesis.extra.django.TestCase` alone would let every example see the rows of the examples before it.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.test import TestCase as DjangoTestCase
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine

from core.models import AuditEvent, Channel, OutboxMessage

# The CI profile of SECURITY.md §2 (derandomized, no deadline), with few short programs: each step runs a
# real transaction and the checks read the database after every one.
MACHINE_SETTINGS = settings(
    max_examples=10,
    stateful_step_count=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory


class RolledBackMachine(RuleBasedStateMachine):
    """A machine whose example runs inside a savepoint rolled back at teardown: examples are independent."""

    def __init__(self):
        super().__init__()
        cache.clear()  # throttles and lockouts of one example must not reach the next
        self._example_atomic = transaction.atomic()
        self._example_atomic.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self._example_atomic.__exit__(None, None, None)


def channels_of(user) -> set[str]:
    """The channels a message to `user` goes out on: in-app always, then each chosen one with an address
    (the model of residents.notify.notify_user)."""
    person = getattr(user, "person", None)
    chosen = set(person.channels) if person else set()
    addresses = {Channel.EMAIL: user.email, Channel.SMS: user.phone, Channel.WECHAT: user.phone}
    return {Channel.IN_APP} | {c for c in chosen if addresses.get(c)}


@dataclass
class Marks:
    """High-water marks of the append-only tables before a step."""

    audit: int
    outbox: int


def marks() -> Marks:
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_outbox = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return Marks(last, last_outbox)


def audit_since(mark: Marks):
    return list(AuditEvent.objects.filter(pk__gt=mark.audit).order_by("pk"))


def assert_only_denial_audited(mark: Marks, denied) -> None:
    """A refused step writes no audit row, except that the API audits a 403 it answers (SECURITY.md §5.17):
    `denied` is the user it refused, or None."""
    rows = [(a.action, a.actor_id) for a in audit_since(mark)]
    assert rows == ([("access.denied", denied.pk)] if denied is not None else []), rows


def assert_refusal_wrote_nothing(mark: Marks, callbacks: list, denied=None) -> None:
    """After a refused step: no audit row but the API's denial, no outbox row, no work queued for after commit."""
    assert_only_denial_audited(mark, denied)
    assert outbox_since(mark) == set(), "a refused step wrote outbox rows"
    assert callbacks == [], "a refused step queued work for after the commit"


def outbox_since(mark: Marks) -> set[tuple[int, str, str]]:
    """(recipient id, event key, channel) of every outbox row written since the mark."""
    rows = OutboxMessage.objects.filter(pk__gt=mark.outbox)
    return set(rows.values_list("recipient_id", "event_key", "channel"))


def expected_outbox(recipients_by_key: dict[str, list]) -> set[tuple[int, str, str]]:
    """The outbox rows that telling each listed user under each event key must write, one per channel."""
    return {(user.pk, key, channel) for key, users in recipients_by_key.items() for user in users
            for channel in channels_of(user)}  # fmt: skip


def capture_on_commit():
    """Collect (without running) the on-commit callbacks a step registers: publishes and task queuing."""
    return DjangoTestCase.captureOnCommitCallbacks(execute=False)
