"""Retention purges (SECURITY.md §3 Retention, §5.18), on a frozen clock: for every class in the registry a row
exactly at its period stays and one a second older goes; files go with their rows; vote evidence and rows under a
legal hold stay; a second run deletes nothing; the run is audited with counts only. Also the beat entry, and on
PostgreSQL the audit table's trigger, which lets the purge (and only it) delete rows older than the legal floor."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from committee.votes.models import Ballot, BallotEvent, Motion, RollEntry, VoteNotice
from committee.votes.services import ballot_cast
from core.audit import audit_record
from core.holds import legal_hold_place, legal_hold_release
from core.models import AuditEvent, LegalHold, Notification, OutboxMessage
from feedback.instruments.selectors import instrument_for
from feedback.models import Survey, SurveyCandidate, SurveyDraft
from feedback.surveys.services import Invitation, survey_invite
from portal.kb.models import ArticleVisit
from repairs.models import WorkOrder, WorkOrderPhoto
from repairs.photos import work_order_photo_add
from repairs.services import Report, work_order_submit
from residents.models import DeletionRequest, UnitClaim
from residents.mydata import purge
from residents.mydata.purge import retention_purge
from residents.mydata.retention import PURGES, SECURITY_LOG_FLOOR, Purge
from residents.tasks import purge_past_retention
from tests.committee.votes_helpers import CLOSES, DURING, PASSWORD, announced
from tests.portal.kb.helpers import kb_section, published_article
from tests.residents.mydata_helpers import jpeg

pytestmark = pytest.mark.django_db
# Well in the past, so that on PostgreSQL the rows are older than the trigger's six-month floor by the real clock
# too (the database's now() is not frozen).
T0 = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def _order(world, *, closed: bool):
    order = work_order_submit(
        actor=world.users["owner"], report=Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk)
    )
    if closed:
        _close(order)
    return order


def _close(order):
    WorkOrder.objects.filter(pk=order.pk).update(status="closed", closed_at=timezone.now())
    order.refresh_from_db()


def _closed_order_photo(world, n):
    order = _order(world, closed=False)
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg(), kind="report")
    _close(order)
    return photo


def _survey(world, n, *, status="expired"):
    survey = survey_invite(
        Invitation(
            kind="campaign",
            instrument=instrument_for(estate_id=world.estate_a.pk, purpose="campaign"),
            recipient=world.users[("owner", "tenant")[n]],
            estate_id=world.estate_a.pk,
            building_id=world.unit_a.building_id,
            unit_id=(world.unit_a, world.unit_a2)[n].pk,
        )
    )
    Survey.objects.filter(pk=survey.pk).update(status=status, expires_at=timezone.now())
    return survey


def _axes(model, n, **extra):
    fields = {"user_agent": "pytest", "ip_address": f"10.0.0.{n + 1}", "username": f"u{n}", "http_accept": "*/*"}
    return model.objects.create(path_info="/accounts/login/", **fields, **extra)


def _visit(world, n):
    article = published_article(kb_section(world.estate_a), title=f"下水道堵了{n}")
    user = world.users[("owner", "tenant")[n]]
    return ArticleVisit.objects.create(article=article, estate=world.estate_a, user=user, day=timezone.localdate())


# One maker per purge class: it creates a row the class covers, whose period starts now (the frozen clock).
MAKERS = {
    "audit_log": lambda world, n: audit_record(action="test.retention", estate_id=world.estate_a.pk),
    "login_log": lambda world, n: _axes(AccessLog, n),
    "login_failure_log": lambda world, n: _axes(AccessFailureLog, n, locked_out=False),
    "lockout_counters": lambda world, n: _axes(AccessAttempt, n, get_data="", post_data="", failures_since_start=1),
    "expired_sessions": lambda world, n: Session.objects.create(
        session_key=f"retention-{n}".ljust(32, "x"), session_data="", expire_date=timezone.now()
    ),
    "delivered_messages": lambda world, n: OutboxMessage.objects.create(
        event_key=f"retention-{n}", channel="sms", recipient=world.users["owner"], subject="s", status="sent"
    ),
    "notifications": lambda world, n: Notification.objects.create(
        recipient=world.users["owner"], event_key=f"retention-{n}", subject="您好"
    ),
    "decided_deletion_requests": lambda world, n: DeletionRequest.objects.create(
        person=world.users["owner"].person,
        status="refused",
        refusal_reason="有未结清的报修",
        decided_at=timezone.now(),
    ),  # fmt: skip
    "rejected_unit_claims": lambda world, n: UnitClaim.objects.create(
        person=world.users["newcomer"].person,
        unit=world.unit_a,
        relation="owner",
        note="我买了这套",
        status="rejected",
        reason="产权证不符",
        decided_at=timezone.now(),
    ),  # fmt: skip
    "repair_photos": _closed_order_photo,
    "survey_drafts": lambda world, n: SurveyDraft.objects.create(survey=_survey(world, n), data={"q1": 3}),
    "unanswered_surveys": _survey,
    "unasked_survey_candidates": lambda world, n: SurveyCandidate.objects.create(
        work_order=_order(world, closed=True),
        estate=world.estate_a,
        household=f"unit:{world.unit_a.pk}",
        recipient=world.users["owner"],
        confirmed_at=timezone.now(),
        status="skipped",
        reason="fatigue_cap",
        decided_at=timezone.now(),
    ),  # fmt: skip
    "self_help_visits": _visit,
}


def _exists(row) -> bool:
    return models.QuerySet(type(row)).filter(pk=row.pk).exists()


def test_every_purge_class_has_a_boundary_test():
    assert set(MAKERS) == {rule.name for rule in PURGES}


@pytest.mark.parametrize("rule", PURGES, ids=lambda rule: rule.name)
def test_a_row_at_its_period_stays_and_one_a_second_older_goes(world, rule):
    with time_machine.travel(T0, tick=False):
        older = MAKERS[rule.name](world, 0)
    with time_machine.travel(T0 + SECOND, tick=False):
        at_period = MAKERS[rule.name](world, 1)
    with time_machine.travel(T0 + SECOND + rule.period, tick=False):
        counts = retention_purge()
    assert not _exists(older), f"{rule.name}: a row past its period was kept"
    assert _exists(at_period), f"{rule.name}: a row still inside its period was purged"
    assert counts[rule.name] == 1


def test_photo_files_go_with_their_rows_and_open_orders_keep_theirs(world, django_capture_on_commit_callbacks):
    with time_machine.travel(T0, tick=False):
        done = MAKERS["repair_photos"](world, 0)
        still_open = work_order_photo_add(
            order_id=_order(world, closed=False).pk, actor=world.users["owner"], data=jpeg(), kind="report"
        )
    files = [(f.storage, f.name) for f in (done.image, done.thumbnail) if f]  # a small photo needs no thumbnail
    assert files and all(storage.exists(name) for storage, name in files)
    with (
        time_machine.travel(T0 + timedelta(days=5 * 365), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        counts = retention_purge()
    assert counts["repair_photos"] == 1 and counts["repair_photos_files"] == len(files)
    assert not any(storage.exists(name) for storage, name in files)
    assert WorkOrder.objects.filter(pk=done.order_id).exists()  # the order stays as the home's repair history
    assert WorkOrderPhoto.objects.filter(pk=still_open.pk).exists()
    assert still_open.image.storage.exists(still_open.image.name)


def test_vote_evidence_is_kept_however_old(world, monkeypatch):
    # the audit rows the vote writes today are, by the database's real clock, too young for its trigger to let go
    monkeypatch.setattr(purge, "PURGES", [rule for rule in PURGES if rule.name != "audit_log"])
    motion = announced(world)  # the roll is the owners registered on the day: the world's, today
    ballot = ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password=PASSWORD, now=DURING)
    evidence = {
        Motion: Motion.objects.filter(pk=motion.pk).count(),
        RollEntry: RollEntry.objects.filter(motion=motion).count(),
        Ballot: 1,
        BallotEvent: BallotEvent.objects.filter(motion=motion).count(),
        VoteNotice: VoteNotice.objects.filter(motion=motion).count(),
    }
    with time_machine.travel(CLOSES + timedelta(days=20 * 365), tick=False):
        retention_purge()
    assert {
        Motion: Motion.objects.filter(pk=motion.pk).count(),
        RollEntry: RollEntry.objects.filter(motion=motion).count(),
        Ballot: Ballot.objects.filter(pk=ballot.pk).count(),
        BallotEvent: BallotEvent.objects.filter(motion=motion).count(),
        VoteNotice: VoteNotice.objects.filter(motion=motion).count(),
    } == evidence
    assert evidence[RollEntry] and evidence[BallotEvent]


def test_a_purge_rule_cannot_name_vote_evidence():
    rule = Purge("ballots", "committee.Ballot", "created_at", timedelta(days=1), "never")
    with pytest.raises(ValueError, match="vote evidence"):
        purge.due_rows(rule, now=timezone.now())


def test_rows_under_a_legal_hold_stay_until_it_is_released(world):
    with time_machine.travel(T0, tick=False):
        estate_log = MAKERS["audit_log"](world, 0)  # held through its estate
        inbox = MAKERS["notifications"](world, 0)  # held through the account
        photo = MAKERS["repair_photos"](world, 0)  # held through the work order
        unheld = Notification.objects.create(recipient=world.users["tenant"], event_key="other", subject="您好")
        holds = [
            legal_hold_place(obj=world.estate_a, reason="业主诉讼：2024年维修资金表决"),
            legal_hold_place(obj=world.users["owner"], reason="住户投诉仲裁"),
            legal_hold_place(obj=photo.order, reason="漏水损失赔偿纠纷"),
        ]
    later = T0 + timedelta(days=10 * 365)
    with time_machine.travel(later, tick=False):
        retention_purge()
    assert all(_exists(row) for row in (estate_log, inbox, photo)) and not _exists(unheld)
    with time_machine.travel(later, tick=False):
        for hold in holds:
            legal_hold_release(hold_id=hold.pk)
    with time_machine.travel(later + SECOND, tick=False):
        retention_purge()
    assert not any(_exists(row) for row in (estate_log, inbox, photo))


def test_a_second_run_purges_nothing_and_each_run_is_audited_with_counts_only(world):
    with time_machine.travel(T0, tick=False):
        for n in (0, 1):
            MAKERS["notifications"](world, n)
            MAKERS["unanswered_surveys"](world, n)
    with time_machine.travel(T0 + timedelta(days=3 * 365), tick=False):
        first, second = retention_purge(), retention_purge()
    assert first["notifications"] == 2 and first["unanswered_surveys"] == 2
    assert set(second.values()) == {0}
    runs = AuditEvent.objects.filter(action="retention.purged").order_by("id")
    assert [run.detail["counts"] for run in runs] == [first, second]
    assert all(run.actor_id is None and run.object_id == "" and run.ip_address is None for run in runs)
    assert all(isinstance(value, int) for run in runs for value in run.detail["counts"].values())


def test_a_class_that_fails_is_reported_after_the_others_are_purged(world, monkeypatch):
    real = purge._purge

    def refusing(rule, **kwargs):
        if rule.name == "audit_log":
            raise DatabaseError("refused")
        return real(rule, **kwargs)

    monkeypatch.setattr(purge, "_purge", refusing)
    with time_machine.travel(T0, tick=False):
        old = MAKERS["notifications"](world, 0)
    with time_machine.travel(T0 + timedelta(days=400), tick=False), pytest.raises(purge.PurgeFailed, match="audit_log"):
        retention_purge()
    assert not _exists(old)
    run = AuditEvent.objects.get(action="retention.purged")
    assert run.detail["failed"] == ["audit_log"] and run.detail["counts"]["notifications"] == 1


def test_purge_works_in_batches_until_nothing_is_due(world):
    with time_machine.travel(T0, tick=False):
        for n in range(5):
            MAKERS["notifications"](world, n)
    with time_machine.travel(T0 + timedelta(days=400), tick=False):
        counts = retention_purge(batch=2)
    assert counts["notifications"] == 5 and not Notification.objects.filter(event_key__startswith="retention-").exists()


def test_pending_messages_and_open_invitations_are_never_purged(world):
    with time_machine.travel(T0, tick=False):
        pending = OutboxMessage.objects.create(
            event_key="waiting", channel="sms", recipient=world.users["owner"], subject="s"
        )
        open_survey = _survey(world, 0, status="invited")
    with time_machine.travel(T0 + timedelta(days=10 * 365), tick=False):
        retention_purge()
    assert _exists(pending) and _exists(open_survey)


# --- schedule, task and command ----------------------------------------------------------------------------


def test_the_purge_runs_nightly_from_the_beat_schedule():
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "residents.tasks.purge_past_retention"]
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab) and settings.CELERY_TIMEZONE == "Asia/Shanghai"
    assert schedule.hour <= set(range(0, 6)) and len(schedule.hour) == 1 and len(schedule.day_of_week) == 7


def test_the_task_calls_the_purge(world):
    with time_machine.travel(T0, tick=False):
        old = MAKERS["notifications"](world, 0)
    with time_machine.travel(T0 + timedelta(days=400), tick=False):
        counts = purge_past_retention.apply().get()
    assert counts["notifications"] == 1 and not _exists(old)


def test_legal_hold_command_places_lists_and_releases_an_audited_hold(world):
    out = io.StringIO()
    call_command("legal_hold", "place", "residents.estate", str(world.estate_a.pk), reason="监管调查", stdout=out)
    hold = LegalHold.objects.get(pk=int(out.getvalue()))
    listing = io.StringIO()
    call_command("legal_hold", "list", stdout=listing)
    assert f"residents.estate:{world.estate_a.pk}" in listing.getvalue()
    call_command("legal_hold", "release", str(hold.pk))
    hold.refresh_from_db()
    assert hold.released_at is not None
    actions = list(AuditEvent.objects.filter(object_id=str(hold.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["legal_hold.placed", "legal_hold.released"]


# --- the audit table's trigger (PostgreSQL) ----------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the audit table's trigger exists on PostgreSQL only; CI runs this there"
)


def _raw_delete(event, *, as_purge: bool):
    with transaction.atomic(), connection.cursor() as cursor:
        if as_purge:
            cursor.execute("SELECT set_config('linli.retention_purge', 'on', true)")
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])


@pytest.mark.postgres
@postgres_only
def test_trigger_refuses_the_purge_a_row_younger_than_the_legal_floor(db):
    with time_machine.travel(timezone.now() - SECURITY_LOG_FLOOR + timedelta(days=1), tick=False):
        young = audit_record(action="test.young")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw_delete(young, as_purge=True)
    assert AuditEvent.objects.filter(pk=young.pk).exists()


@pytest.mark.postgres
@postgres_only
def test_trigger_lets_only_the_purge_delete_a_row_past_the_floor(db):
    with time_machine.travel(T0, tick=False):
        old = audit_record(action="test.old")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw_delete(old, as_purge=False)
    _raw_delete(old, as_purge=True)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
