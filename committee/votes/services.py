"""Everything that can happen to an owners' vote: `motion_*` for the vote, `ballot_*` for the ballots.

Each is one transaction that locks the motion row, so a ballot and the close cannot interleave: a ballot
either lands before the close and is counted, or sees the vote closed and changes nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from core.storage import store
from residents import access

from .. import voting
from ..selectors import rules_for
from . import scans, workflow
from .models import Ballot, BallotEvent, Matter, Motion, RollEntry, RollUnit
from .present import result_to_json
from .roll import roll_build


@dataclass(frozen=True)
class MotionInput:
    title: str
    agenda: str
    matter: int
    opens_at: datetime
    closes_at: datetime


@dataclass(frozen=True)
class PaperBallot:
    """A paper or proxy ballot entered by staff, with the scan of the signed paper."""

    voter: str  # the roll entry's key
    choice: str
    channel: str
    scan: bytes
    proxy_name: str = ""
    note: str = ""


def _check_input(data: MotionInput, estate_id: int) -> None:
    rules, errors = rules_for(estate_id=estate_id), {}
    if not data.title.strip():
        errors["title"] = [_("Give the vote a title.")]
    if not data.agenda.strip():
        errors["agenda"] = [_("Write the agenda and the proposal the owners vote on.")]
    if data.matter not in Matter.values:
        errors["matter"] = [_("Choose one of the nine matters of Civil Code art. 278.")]
    window = data.closes_at - data.opens_at
    if window < timedelta(days=rules.voting_days_min) or window > timedelta(days=rules.voting_days_max):
        errors["closes_at"] = [
            _("The voting window must last between %(min)s and %(max)s days.")
            % {"min": rules.voting_days_min, "max": rules.voting_days_max}
        ]
    if errors:
        raise ValidationError(errors)


def _may_manage(actor, estate_id: int) -> None:
    if not access.can(actor, "committee.manage", estate_id):
        raise NotPermitted(_("Only the estate's owners' committee runs its owners' votes."))


@transaction.atomic
def motion_create(*, estate_id: int, actor, data: MotionInput) -> Motion:
    """Draft a vote. Raises ValidationError naming the field for bad input."""
    _may_manage(actor, estate_id)
    _check_input(data, estate_id)
    motion = Motion.objects.create(
        estate_id=estate_id, created_by=actor, **{k: getattr(data, k) for k in MotionInput.__dataclass_fields__}
    )
    audit_record(action="vote.created", actor=actor, obj=motion, estate_id=estate_id, matter=motion.matter)
    return motion


def _lock(motion_id: int, action: str) -> Motion:
    motion = Motion.objects.select_for_update().get(pk=motion_id)
    if workflow.next_status(action, motion.status) is None:
        raise InvalidTransition(NOT_NOW[action])
    return motion


NOT_NOW = {
    "edit": _("The agenda cannot change after the vote has been announced."),
    "announce": _("Only a draft vote can be announced."),
    "cancel": _("This vote can no longer be cancelled."),
    "close": _("Only an announced vote can be closed."),
}


@transaction.atomic
def motion_update(*, motion_id: int, actor, data: MotionInput) -> Motion:
    """Change a draft. Raises InvalidTransition once the vote is announced: its agenda is frozen."""
    motion = _lock(motion_id, "edit")
    _may_manage(actor, motion.estate_id)
    _check_input(data, motion.estate_id)
    for name in MotionInput.__dataclass_fields__:
        setattr(motion, name, getattr(data, name))
    motion.save()
    audit_record(action="vote.edited", actor=actor, obj=motion, estate_id=motion.estate_id)
    return motion


def agenda_digest(motion: Motion) -> str:
    """A SHA-256 over what the owners vote on, published with the vote so any later change would show."""
    text = "\n".join(
        [str(motion.matter), motion.title, motion.agenda, motion.opens_at.isoformat(), motion.closes_at.isoformat()]
    )
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def motion_announce(*, motion_id: int, actor, now: datetime | None = None) -> Motion:
    """Announce a draft: check the notice period, freeze the agenda and the roll, and tell the owners.

    Raises InvalidTransition unless it is a draft, ValidationError if voting opens too soon or nobody owns
    a unit in the estate."""
    now = now or timezone.now()
    motion = _lock(motion_id, "announce")
    _may_manage(actor, motion.estate_id)
    rules = rules_for(estate_id=motion.estate_id)
    _check_input(MotionInput(**{k: getattr(motion, k) for k in MotionInput.__dataclass_fields__}), motion.estate_id)
    if motion.opens_at < now + timedelta(days=rules.notice_days):
        raise ValidationError(
            {
                "opens_at": [
                    _("Voting may open no sooner than %(days)s days after the announcement.")
                    % {"days": rules.notice_days}
                ]
            }
        )
    entries = roll_build(estate_id=motion.estate_id, at=now, developer_id=rules.developer_id)
    if not entries:
        raise ValidationError({"estate": [_("The estate has no units in the register, so nobody can vote.")]})
    _roll_save(motion, entries)
    motion.status, motion.announced_at, motion.roll_date = Motion.Status.ANNOUNCED, now, timezone.localdate(now)
    motion.agenda_digest = agenda_digest(motion)
    motion.save()
    audit_record(
        action="vote.announced",
        actor=actor,
        obj=motion,
        estate_id=motion.estate_id,
        voters=len(entries),
        digest=motion.agenda_digest,
    )
    transaction.on_commit(lambda: _queue_notices(motion.pk, "announced"))
    return motion


def _roll_save(motion: Motion, entries) -> None:
    rows = RollEntry.objects.bulk_create(
        [
            RollEntry(motion=motion, key=e.key, developer=e.developer, area=e.area, names="、".join(e.names)[:500])
            for e in entries
        ],
        batch_size=2000,
    )
    through = RollEntry.persons.through
    through.objects.bulk_create(
        [
            through(rollentry_id=row.pk, person_id=pid)
            for row, e in zip(rows, entries, strict=True)
            for pid in e.person_ids
        ],
        batch_size=5000,
    )
    RollUnit.objects.bulk_create(
        [
            RollUnit(entry_id=row.pk, unit_id=uid, code=code, area=area)
            for row, e in zip(rows, entries, strict=True)
            for uid, code, area in e.units
        ],
        batch_size=5000,
    )


def _queue_notices(motion_id: int, kind: str) -> None:
    from .tasks import motion_notify_owners

    motion_notify_owners.delay(motion_id, kind)


@transaction.atomic
def motion_cancel(*, motion_id: int, actor, reason: str, now: datetime | None = None) -> Motion:
    """Withdraw a draft, or an announced vote before voting opens. Raises InvalidTransition afterwards."""
    now = now or timezone.now()
    motion = _lock(motion_id, "cancel")
    _may_manage(actor, motion.estate_id)
    if motion.status == Motion.Status.ANNOUNCED and now >= motion.opens_at:
        raise InvalidTransition(_("Voting has opened: the vote can no longer be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the vote is cancelled; owners will read it.")]})
    motion.status = Motion.Status.CANCELLED
    motion.save(update_fields=["status", "updated_at"])
    audit_record(action="vote.cancelled", actor=actor, obj=motion, estate_id=motion.estate_id, reason=reason[:500])
    return motion


@transaction.atomic
def motion_close(*, motion_id: int, actor=None, now: datetime | None = None) -> Motion:
    """Close a vote whose window has ended: count every ballot against the frozen roll and store the result
    with its arithmetic. Raises InvalidTransition before the window ends or if it is not announced."""
    now = now or timezone.now()
    motion = _lock(motion_id, "close")
    if now < motion.closes_at:
        raise InvalidTransition(_("Voting is still open until %(at)s.") % {"at": timezone.localtime(motion.closes_at)})
    result = voting.tally(*roll_and_ballots(motion.pk), item=motion.matter)
    motion.status, motion.closed_at, motion.result = Motion.Status.CLOSED, now, result_to_json(result)
    motion.save(update_fields=["status", "closed_at", "result", "updated_at"])
    audit_record(action="vote.closed", actor=actor, obj=motion, estate_id=motion.estate_id, passed=result.passed)
    transaction.on_commit(lambda: _queue_notices(motion.pk, "result"))
    return motion


def motions_close_due(*, now: datetime | None = None) -> list[int]:
    """Close every announced vote whose window has ended (the beat task); returns their ids."""
    now = now or timezone.now()
    due = list(Motion.objects.filter(status=Motion.Status.ANNOUNCED, closes_at__lte=now).values_list("pk", flat=True))
    for motion_id in due:
        motion_close(motion_id=motion_id, now=now)
    return due


def roll_counts(motion_id: int) -> voting.Counts:
    """The tally's counts in one set-based query: the roll joined to its ballots, summed per choice. The roll
    holds at most one developer entry (a constraint), so its rows are the heads; a test checks this against the
    pure count over the same roll."""
    by_choice = {}
    for choice in voting.Choice:
        chose = Q(ballot__choice=choice.value)
        by_choice[f"{choice}_heads"], by_choice[f"{choice}_area"] = Count("pk", filter=chose), Sum("area", filter=chose)
    row = RollEntry.objects.filter(motion_id=motion_id).aggregate(
        all_heads=Count("pk"), all_area=Sum("area"), **by_choice
    )
    zero = Decimal("0.00")  # SQLite's sums drop the trailing zeros: keep the register's two places
    area = [(row[f"{c}_area"] or zero).quantize(zero) for c in voting.Choice]
    heads = [row[f"{c}_heads"] for c in voting.Choice]
    return voting.Counts(
        area=voting.Measure((row["all_area"] or zero).quantize(zero), sum(area, zero), *area),
        heads=voting.Measure(row["all_heads"], sum(heads), *heads),
    )


def roll_and_ballots(motion_id: int):
    """The frozen roll, each voter with every unit's area, and the ballots: the pure tally's plain data (three
    set-based queries)."""
    areas: dict[int, list] = {}
    for entry_id, area in RollUnit.objects.filter(entry__motion_id=motion_id).values_list("entry_id", "area"):
        areas.setdefault(entry_id, []).append(area)
    entries = RollEntry.objects.filter(motion_id=motion_id).values_list("pk", "key", "developer")
    roll = [voting.Voter(key, dev, tuple(areas[pk])) for pk, key, dev in entries]
    ballots = [
        voting.Ballot(key, choice)
        for key, choice in Ballot.objects.filter(motion_id=motion_id).values_list("entry__key", "choice")
    ]
    return roll, ballots


# --- ballots ---------------------------------------------------------------------------------------------------


def _lock_for_ballots(motion_id: int, now: datetime) -> Motion:
    motion = Motion.objects.select_for_update().get(pk=motion_id)
    if motion.status == Motion.Status.CANCELLED:
        raise InvalidTransition(_("This vote was cancelled."), code="vote_cancelled")
    if motion.status == Motion.Status.ANNOUNCED and now < motion.opens_at:
        raise InvalidTransition(
            _("Voting opens at %(at)s.") % {"at": timezone.localtime(motion.opens_at).strftime("%Y-%m-%d %H:%M")},
            code="vote_not_open",
        )
    if not workflow.ballots_open(motion.status, motion.opens_at, motion.closes_at, now):
        raise InvalidTransition(_("Voting has closed: ballots can no longer be cast or changed."), code="vote_closed")
    return motion


def _choice(choice: str) -> str:
    if choice not in set(voting.Choice):
        raise ValidationError({"choice": [_("Choose yes, no or abstain.")]})
    return choice


RECONFIRM_TRIES = 5  # wrong passwords an hour before the ballot refuses to check more (no guessing by ballot)


def _reconfirm(user, password: str, motion_id: int) -> None:
    """Owners vote only after re-entering their password, so an unattended signed-in phone cannot vote. Runs
    before the ballot's transaction, so a failure's audit row stays."""
    key = f"vote-reconfirm-failures:{user.pk}"
    if cache.get(key, 0) >= RECONFIRM_TRIES:
        raise ValidationError({"password": [_("Too many wrong passwords: try voting again in an hour.")]})
    if password and user.check_password(password):
        return
    cache.add(key, 0, timeout=3600)
    cache.incr(key)
    estate_id = Motion.objects.filter(pk=motion_id).values_list("estate_id", flat=True).first()
    audit_record(action="vote.reconfirm_failed", actor=user, estate_id=estate_id, motion=motion_id)
    raise ValidationError({"password": [_("That password is not right. Enter your password to confirm it is you.")]})


def _my_entry(motion: Motion, user) -> RollEntry:
    entry = RollEntry.objects.filter(motion=motion, persons__user=user).first()
    if entry is None:
        raise NotPermitted(
            _("You are not on this vote's roll: only the owners registered on the day it was announced may vote."),
            code="not_on_roll",
        )
    return entry


def _log(ballot: Ballot, before: str, actor, note: str = "") -> None:
    BallotEvent.objects.create(
        motion_id=ballot.motion_id,
        entry_id=ballot.entry_id,
        choice_from=before,
        choice_to=ballot.choice,
        channel=ballot.channel,
        actor=actor,
        note=note[:500],
    )


def ballot_cast(*, motion_id: int, user, choice: str, password: str, now: datetime | None = None) -> Ballot:
    """An owner's online ballot. Raises NotPermitted off the roll, InvalidTransition for a second ballot or
    outside the window, ValidationError for a bad choice or password."""
    _reconfirm(user, password, motion_id)
    return _ballot_cast(motion_id=motion_id, user=user, choice=choice, now=now or timezone.now())


@transaction.atomic
def _ballot_cast(*, motion_id: int, user, choice: str, now: datetime) -> Ballot:
    motion = _lock_for_ballots(motion_id, now)
    entry = _my_entry(motion, user)
    _choice(choice)
    if Ballot.objects.filter(entry=entry).exists():
        raise InvalidTransition(
            _("A ballot has already been cast for your home; you may change it instead."), code="already_voted"
        )
    ballot = Ballot.objects.create(
        motion=motion, entry=entry, choice=choice, channel=Ballot.Channel.ONLINE, cast_by=user
    )
    _log(ballot, "", user)
    audit_record(action="vote.ballot_cast", actor=user, obj=motion, estate_id=motion.estate_id, channel="online")
    return ballot


def ballot_change(*, motion_id: int, user, choice: str, password: str, now: datetime | None = None) -> Ballot:
    """Change one's online ballot while voting is open; the change is logged. Raises as ballot_cast."""
    _reconfirm(user, password, motion_id)
    return _ballot_change(motion_id=motion_id, user=user, choice=choice, now=now or timezone.now())


@transaction.atomic
def _ballot_change(*, motion_id: int, user, choice: str, now: datetime) -> Ballot:
    motion = _lock_for_ballots(motion_id, now)
    entry = _my_entry(motion, user)
    _choice(choice)
    ballot = Ballot.objects.select_for_update().filter(entry=entry).first()
    if ballot is None:
        raise InvalidTransition(_("There is no ballot to change yet."), code="no_ballot")
    if ballot.channel != Ballot.Channel.ONLINE:
        raise InvalidTransition(
            _("Your home voted on paper; ask the committee to correct a paper ballot."), code="paper_ballot"
        )
    before, ballot.choice, ballot.cast_by = ballot.choice, choice, user
    ballot.save(update_fields=["choice", "cast_by", "updated_at"])
    _log(ballot, before, user)
    audit_record(action="vote.ballot_changed", actor=user, obj=motion, estate_id=motion.estate_id, channel="online")
    return ballot


@transaction.atomic
def ballot_record_paper(*, motion_id: int, actor, paper: PaperBallot, now: datetime | None = None) -> Ballot:
    """Enter (or correct, with a note) a paper or proxy ballot with its scan. Raises ValidationError naming
    the field, NotPermitted without votes.paper, InvalidTransition outside the window."""
    motion = _lock_for_ballots(motion_id, now or timezone.now())
    if not access.can(actor, "votes.paper", motion.estate_id):
        raise NotPermitted(_("You may not enter paper ballots for this estate."))
    entry = RollEntry.objects.filter(motion=motion, key=paper.voter).first()
    errors, scan = _paper_errors(paper, entry)
    if errors:
        raise ValidationError(errors)
    ballot = Ballot.objects.select_for_update().filter(entry=entry).first()
    if ballot is not None and not paper.note.strip():
        raise ValidationError({"note": [_("This home has already voted: say why the ballot is being corrected.")]})
    before = ballot.choice if ballot else ""
    ballot = ballot or Ballot(motion=motion, entry=entry)
    ballot.choice, ballot.channel, ballot.cast_by, ballot.proxy_name = (
        paper.choice,
        paper.channel,
        actor,
        paper.proxy_name,
    )
    store(ballot.scan, scan.name, scan.data)
    ballot.save()
    _log(ballot, before, actor, paper.note)
    audit_record(
        action="vote.paper_ballot",
        actor=actor,
        obj=motion,
        estate_id=motion.estate_id,
        channel=paper.channel,
        voter=entry.key,
        corrected=bool(before),
    )
    return ballot


def _paper_errors(paper: PaperBallot, entry) -> tuple[dict, scans.Scan | None]:
    errors, scan = {}, None
    if entry is None:
        errors["voter"] = [_("This voter is not on the vote's roll.")]
    if paper.choice not in set(voting.Choice):
        errors["choice"] = [_("Choose yes, no or abstain.")]
    if paper.channel not in (Ballot.Channel.PAPER, Ballot.Channel.PROXY):
        errors["channel"] = [_("A ballot entered by staff is a paper ballot or a proxy ballot.")]
    if paper.channel == Ballot.Channel.PROXY and not paper.proxy_name.strip():
        errors["proxy_name"] = [_("Name the proxy who signed the ballot.")]
    try:
        scan = scans.scan_clean(paper.scan)
    except scans.BadScan as exc:
        errors["scan"] = [exc.message]
    return errors, scan
