"""The load test's people and what it checks afterwards, run inside Django (benchmarks/load_test.py calls these).

`prepare` picks residents of the first scale estate (made by `manage.py seed_scale`), gives each an API token
and a signed-in web session (as a phone app and a browser would hold after signing in), a survey to answer and
notices to read; it makes the staff (two dispatchers, two technicians) with tokens. The plan goes to a JSON file
the locustfile reads. `verify` checks afterwards that nothing was lost: every accepted repair and answer is in
the database, and every notification queued went out exactly once.
"""

import random
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from rest_framework.authtoken.models import Token

from core.models import OutboxMessage
from feedback.instruments.selectors import instrument_for
from feedback.models import Survey
from feedback.surveys.presenting import columns
from feedback.surveys.services import Invitation, survey_invite
from portal.notices.models import NoticeIndexPage
from portal.sites.services import ensure_estate_home
from repairs.models import WorkOrder
from residents.models import Estate, EstateRole, Ownership, Person, Role, StaffProfile, Trade, User

TRADES = ("plumbing", "electrical", "carpentry", "general")  # what residents report; the technicians do all four


@dataclass
class Resident:
    token: str
    session: str
    unit_id: int
    survey_id: int
    survey_answers: dict


@dataclass
class Staff:
    token: str
    role: str  # dispatcher or technician
    user_id: int


@dataclass
class Plan:
    estate: str
    trades: tuple[str, ...] = TRADES
    residents: list[Resident] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    technician_ids: list[int] = field(default_factory=list)
    notice_ids: list[int] = field(default_factory=list)
    orders_before: int = 0


def prepare(*, residents: int, dispatchers: int = 2, technicians: int = 2, notices: int = 5) -> Plan:
    estate = Estate.objects.filter(slug__startswith="scale-").order_by("slug").first()
    if estate is None:
        raise SystemExit("no scale estate: run `manage.py seed_scale` first")
    plan = Plan(estate=estate.slug)
    with transaction.atomic():
        plan.notice_ids = _notices(estate, notices)  # before the residents: their SMS about these go out now
        owners = list(
            User.objects.filter(
                person__ownerships__unit__building__estate=estate, person__ownerships__verified_at__isnull=False
            )
            .select_related("person")
            .order_by("pk")[:residents]
        )
        if len(owners) < residents:
            raise SystemExit(f"only {len(owners)} verified owners in {estate.slug}: seed more units")
        instrument = instrument_for(estate_id=estate.pk, purpose="campaign")
        for user in owners:
            ownership = Ownership.objects.filter(person=user.person).select_related("unit__building").first()
            survey = survey_invite(
                Invitation(kind=Survey.Kind.CAMPAIGN, instrument=instrument, recipient=user, estate_id=estate.pk,
                           building_id=ownership.unit.building_id, unit_id=ownership.unit_id)
            )  # fmt: skip
            plan.residents.append(
                Resident(token=_token(user), session=_session(user), unit_id=ownership.unit_id, survey_id=survey.pk,
                         survey_answers=_answers(survey))
            )  # fmt: skip
        for n in range(dispatchers):
            user = _staff(estate, f"load-dispatcher-{n}", Role.DISPATCHER)
            plan.staff.append(Staff(token=_token(user), role="dispatcher", user_id=user.pk))
        for n in range(technicians):
            user = _staff(estate, f"load-technician-{n}", Role.TECHNICIAN)
            StaffProfile.objects.get_or_create(user=user)[0].trades.set(Trade.objects.filter(key__in=TRADES))
            plan.staff.append(Staff(token=_token(user), role="technician", user_id=user.pk))
            plan.technician_ids.append(user.pk)
    plan.orders_before = WorkOrder.objects.count()
    return plan


def save(plan: Plan, path: Path) -> None:
    import json

    path.write_text(json.dumps(asdict(plan), ensure_ascii=False), encoding="utf-8")


def _token(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key


def _session(user) -> str:
    """A signed-in session, as django.contrib.auth.login leaves it (staff would need their OTP step too)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _staff(estate, username: str, role: str):
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@load.invalid"})
    Person.objects.get_or_create(user=user, defaults={"full_name": username, "channels": ["in_app"]})
    EstateRole.objects.get_or_create(user=user, estate=estate, role=role)
    return user


def _answers(survey) -> dict:
    """A complete answer to the survey's instrument, as the survey page would send it."""
    instrument = survey.instrument
    rng = random.Random(survey.pk)
    answers = {str(item.pk): {c: rng.randint(3, 7) for c in columns(instrument)} for item in instrument.items.all()}
    weights = None
    if instrument.asks_weights:
        keys = sorted({item.dimension for item in instrument.items.all()})
        weights = dict.fromkeys(keys, 100 // len(keys))
        weights[keys[0]] += 100 - sum(weights.values())
    return {"answers": answers, "weights": weights, "csat": 4 if instrument.asks_csat else None,
            "nps": 8 if instrument.asks_nps else None, "comment": ""}  # fmt: skip


def _notices(estate, count: int) -> list[int]:
    from portal.notices.models import NoticePage

    board = NoticeIndexPage.objects.child_of(ensure_estate_home(estate)).get()
    ids = []
    for n in range(count):
        body = "<p>本周五 9:00–12:00 检修二次供水设备。</p>"
        notice = NoticePage(title=f"压力测试公告 {n + 1}", body=body, live=False)
        board.add_child(instance=notice)
        notice.save_revision().publish()
        ids.append(notice.pk)
    return ids


# --- afterwards -------------------------------------------------------------------------------------------


@dataclass
class Findings:
    problems: list[str]
    facts: dict


def verify(
    plan: dict, *, created_orders: list[int], answered_surveys: list[int], sms_lines: list[str], started
) -> Findings:
    """Nothing lost, nothing sent twice. `created_orders`/`answered_surveys`: the ids the server accepted (201);
    `sms_lines`: what the SMS backend wrote (one line a text, its outbox key first)."""
    problems = []
    found = set(WorkOrder.objects.filter(pk__in=created_orders).values_list("pk", flat=True))
    if missing := sorted(set(created_orders) - found):
        problems.append(f"{len(missing)} accepted repairs are not in the database: {missing[:10]}")
    new_orders = WorkOrder.objects.count() - plan["orders_before"]
    if new_orders != len(set(created_orders)):
        problems.append(f"{new_orders} new repairs in the database, {len(set(created_orders))} accepted")
    answered = set(
        Survey.objects.filter(pk__in=answered_surveys, status=Survey.Status.ANSWERED).values_list("pk", flat=True)
    )
    if missing := sorted(set(answered_surveys) - answered):
        problems.append(f"{len(missing)} accepted survey answers are not stored: {missing[:10]}")

    pending = OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).count()
    if pending:
        problems.append(f"{pending} notifications not sent")
    sent = OutboxMessage.objects.filter(channel="sms", status=OutboxMessage.Status.SENT)
    sent_sms = {f"outbox-{pk}" for pk in sent.values_list("pk", flat=True)}
    keys = Counter(line.split("\t", 1)[0] for line in sms_lines if line.strip())
    if twice := [key for key, n in keys.items() if n > 1]:
        problems.append(f"{len(twice)} texts sent more than once: {twice[:5]}")
    if unsent := sorted(sent_sms - set(keys)):
        problems.append(f"{len(unsent)} SMS outbox rows are marked sent but no text went out: {unsent[:5]}")
    if unknown := sorted(set(keys) - sent_sms):
        problems.append(f"{len(unknown)} texts went out for rows not marked sent: {unknown[:5]}")
    facts = {
        "repairs accepted": len(created_orders),
        "survey answers accepted": len(answered_surveys),
        "notifications queued during the run": OutboxMessage.objects.filter(created_at__gte=started).count(),
        "texts sent": sum(keys.values()),
        "orders processed by staff": WorkOrder.objects.filter(pk__in=created_orders)
        .exclude(status="submitted")
        .count(),
    }
    return Findings(problems, facts)
