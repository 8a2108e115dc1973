from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from committee.disclosures import services
from committee.disclosures.models import Disclosure, DisclosureReminder, DisclosureSchedule
from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent, OutboxMessage
from tests.committee.disclosure_helpers import entry_input, published
from tests.committee.files_helpers import PDF

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def manager(world):
    return world.users["manager"]


def test_draft_create_refuses_everyone_but_the_estates_managers(world):
    for role in ("dispatcher", "committee", "owner", "manager_b"):
        with pytest.raises(NotPermitted):
            services.disclosure_draft_create(actor=world.users[role], estate_id=world.estate_a.pk, data=entry_input())
    assert not Disclosure.objects.exists()


def test_draft_create_names_each_bad_field(world, manager):
    bad = entry_input(kind="gossip", title=" ", body="", period_start=date(2026, 4, 1))
    with pytest.raises(ValidationError) as caught:
        services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=bad)
    assert set(caught.value.message_dict) == {"kind", "title", "body", "period_end"}


def test_publish_makes_the_entry_immutable(world, manager):
    entry = published(manager, world.estate_a)
    assert entry.status == "published" and entry.published_at is not None
    with pytest.raises(InvalidTransition):
        services.disclosure_draft_update(actor=manager, disclosure_id=entry.pk, data=entry_input(title="改"))
    with pytest.raises(InvalidTransition):
        services.disclosure_attach(actor=manager, disclosure_id=entry.pk, name="x.pdf", data=PDF)
    with pytest.raises(InvalidTransition):
        services.disclosure_draft_delete(actor=manager, disclosure_id=entry.pk)
    with pytest.raises(InvalidTransition):
        services.disclosure_publish(actor=manager, disclosure_id=entry.pk)
    assert Disclosure.objects.get(pk=entry.pk).title == "2026年第一季度公共收益"
    assert AuditEvent.objects.filter(action="disclosure.published", object_id=str(entry.pk)).exists()


def test_fee_standards_cannot_be_published_without_the_12358_hotline(world, manager):
    draft = services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk,
                                             data=entry_input(kind="fees", body="物业费 2.5 元/平方米·月"))  # fmt: skip
    with pytest.raises(ValidationError, match="12358"):
        services.disclosure_publish(actor=manager, disclosure_id=draft.pk)
    assert Disclosure.objects.get(pk=draft.pk).status == "draft"


def test_a_correction_supersedes_the_old_entry_and_both_are_kept(world, manager):
    old = published(manager, world.estate_a)
    fix = services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, supersedes_id=old.pk,
                                           data=entry_input(body="更正：电梯广告收入 13,000 元。"))  # fmt: skip
    assert Disclosure.objects.get(pk=old.pk).status == "published"  # until the correction is published
    services.disclosure_publish(actor=manager, disclosure_id=fix.pk)
    assert dict(Disclosure.objects.values_list("pk", "status")) == {old.pk: "superseded", fix.pk: "published"}
    second = services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=entry_input())
    with pytest.raises(ValidationError):
        services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=entry_input(),
                                         supersedes_id=old.pk)  # fmt: skip
    with pytest.raises(ValidationError):
        services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=entry_input(),
                                         supersedes_id=second.pk)  # a draft cannot be corrected  # fmt: skip


def test_attach_refuses_a_bad_file_and_keeps_nothing(world, manager):
    draft = services.disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=entry_input())
    with pytest.raises(ValidationError) as caught:
        services.disclosure_attach(actor=manager, disclosure_id=draft.pk, name="fees.pdf", data=b"MZ\x90\x00")
    assert "file" in caught.value.message_dict
    assert not draft.attachments.exists()


def test_ask_records_whether_an_owner_or_a_resident_asked(world, manager):
    entry = published(manager, world.estate_a)
    by_owner = services.disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body="广告费？")
    by_tenant = services.disclosure_question_ask(actor=world.users["tenant"], disclosure_id=entry.pk, body="明细？")
    assert (by_owner.asker_is_owner, by_tenant.asker_is_owner) == (True, False)


@pytest.mark.parametrize("role", ["other_household", "newcomer", "committee", "manager"])
def test_ask_refuses_anyone_not_living_in_the_estate(world, manager, role):
    entry = published(manager, world.estate_a)
    with pytest.raises(NotPermitted):
        services.disclosure_question_ask(actor=world.users[role], disclosure_id=entry.pk, body="?")


def test_ask_is_limited_per_resident_and_day(world, manager):
    entry = published(manager, world.estate_a)
    owner = world.users["owner"]
    with time_machine.travel(datetime(2026, 5, 4, 23, 0, tzinfo=SHANGHAI), tick=False):
        for n in range(services.QUESTIONS_PER_DAY):
            services.disclosure_question_ask(actor=owner, disclosure_id=entry.pk, body=f"问题 {n}")
        with translation.override("en"), pytest.raises(ValidationError, match="tomorrow"):
            services.disclosure_question_ask(actor=owner, disclosure_id=entry.pk, body="再问一个")
        services.disclosure_question_ask(actor=world.users["tenant"], disclosure_id=entry.pk, body="我也问")
    with time_machine.travel(datetime(2026, 5, 5, 0, 30, tzinfo=SHANGHAI), tick=False):
        services.disclosure_question_ask(actor=owner, disclosure_id=entry.pk, body="第二天")
    assert entry.questions.filter(asker=owner).count() == services.QUESTIONS_PER_DAY + 1


def test_ask_refuses_an_empty_question_and_a_superseded_entry(world, manager):
    entry = published(manager, world.estate_a)
    with pytest.raises(ValidationError):
        services.disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body="   ")
    Disclosure.objects.filter(pk=entry.pk).update(status="superseded")
    with pytest.raises(InvalidTransition):
        services.disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body="?")


def test_answer_once_and_tell_the_asker(world, manager):
    entry = published(manager, world.estate_a)
    question = services.disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body="明细？")
    with pytest.raises(NotPermitted):
        services.disclosure_question_answer(actor=world.users["manager_b"], question_id=question.pk, answer="见附件")
    with pytest.raises(ValidationError):
        services.disclosure_question_answer(actor=manager, question_id=question.pk, answer=" ")
    services.disclosure_question_answer(actor=manager, question_id=question.pk, answer="见附件")
    with pytest.raises(InvalidTransition):
        services.disclosure_question_answer(actor=manager, question_id=question.pk, answer="再答")
    question.refresh_from_db()
    assert question.answer == "见附件" and question.answered_by == manager
    assert OutboxMessage.objects.filter(recipient_id=world.users["owner"].pk,
                                        event_key=f"disclosure-answer-{question.pk}").exists()  # fmt: skip


# --- reminders -------------------------------------------------------------------------------------------


def _reminded(estate):
    return set(DisclosureReminder.objects.filter(estate=estate).values_list("kind", "due_on"))


def test_reminders_go_to_managers_once_per_due_period(world, manager):
    published(manager, world.estate_a, kind="revenue", period_end=date(2026, 3, 31))
    for kind in ("fund", "fees", "accounts", "contract"):
        published(manager, world.estate_a, kind=kind, period_end=date(2026, 5, 31), attach=False)
    with time_machine.travel(datetime(2026, 6, 29, 9, tzinfo=SHANGHAI), tick=False):
        services.disclosure_reminders_send()
        assert ("revenue", date(2026, 6, 30)) not in _reminded(world.estate_a)
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=SHANGHAI), tick=False):
        services.disclosure_reminders_send()
        services.disclosure_reminders_send()  # the daily run repeats: nothing more is sent
    assert ("revenue", date(2026, 6, 30)) in _reminded(world.estate_a)
    assert DisclosureReminder.objects.filter(estate=world.estate_a, kind="revenue").count() == 1
    to_manager = OutboxMessage.objects.filter(recipient_id=manager.pk, event_key__startswith="disclosure-due-")
    assert to_manager.filter(event_key__contains="-revenue-").count() == to_manager.filter(channel="in_app").filter(
        event_key__contains="-revenue-").count() == 1  # fmt: skip
    for role in ("dispatcher", "committee", "manager_b"):
        key = f"-{world.estate_a.pk}-revenue-"
        assert not OutboxMessage.objects.filter(recipient_id=world.users[role].pk, event_key__contains=key).exists()


def test_reminders_repeat_for_the_next_due_period_while_still_unpublished(world, manager):
    published(manager, world.estate_a, kind="revenue", period_end=date(2026, 3, 31), attach=False)
    for day in (date(2026, 7, 1), date(2026, 8, 15), date(2026, 10, 1)):
        with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI), tick=False):
            services.disclosure_reminders_send()
    revenue = {due for kind, due in _reminded(world.estate_a) if kind == "revenue"}
    assert revenue == {date(2026, 6, 30), date(2026, 9, 30)}


def test_a_fresh_publication_stops_the_reminders(world, manager):
    published(manager, world.estate_a, kind="revenue", period_end=date(2026, 6, 30), attach=False)
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=SHANGHAI), tick=False):
        services.disclosure_reminders_send()
    assert not {kind for kind, _due in _reminded(world.estate_a)} & {"revenue"}


def test_an_estates_own_interval_replaces_the_default(world, manager):
    published(manager, world.estate_a, kind="revenue", period_end=date(2026, 3, 31), attach=False)
    DisclosureSchedule.objects.create(estate=world.estate_a, kind="revenue", interval_months=6)
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=SHANGHAI), tick=False):
        services.disclosure_reminders_send()
    assert "revenue" not in {kind for kind, _due in _reminded(world.estate_a)}


def test_remind_task_calls_the_service(world):
    from committee.tasks import remind_due_disclosures

    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=SHANGHAI), tick=False):
        assert remind_due_disclosures() == 10  # nothing published anywhere: five kinds in each of two estates
        assert remind_due_disclosures() == 0
