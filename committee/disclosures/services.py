"""Everything that can happen to a disclosure: drafts written, files attached, publication (and correction by a
superseding entry), residents' questions and the company's public answers, and due reminders to managers."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from core.storage import store
from residents import access
from residents.models import Estate, User
from residents.notify import notify_user

from ..documents import files
from . import selectors
from .models import Disclosure, DisclosureAttachment, DisclosureQuestion, DisclosureReminder, Kind

MAX_ATTACHMENTS = 10
# Questions a resident may ask per estate and day: enough for real questions, not enough to flood the page
QUESTIONS_PER_DAY = 3
# Shown on every fee-standard entry: 《物业服务收费明码标价规定》 requires the 12358 price hotline
PRICE_HOTLINE = "12358"


@dataclass(frozen=True)
class DisclosureInput:
    kind: str
    title: str
    period_start: date
    period_end: date
    body: str


def _check_publisher(actor, estate_id: int) -> None:
    if not access.can(actor, selectors.PUBLISH, estate_id):
        raise NotPermitted(_("Only the company's managers of this estate publish disclosures."))


def _check_input(data: DisclosureInput) -> None:
    errors = {}
    if data.kind not in Kind.values:
        errors["kind"] = [_("Unknown kind of disclosure.")]
    if not data.title.strip():
        errors["title"] = [_("Give the entry a title.")]
    if not data.body.strip():
        errors["body"] = [_("Write what is being disclosed.")]
    if data.period_start > data.period_end:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)


def _draft(disclosure_id: int) -> Disclosure:
    entry = Disclosure.objects.select_for_update().get(pk=disclosure_id)
    if entry.status != Disclosure.Status.DRAFT:
        raise InvalidTransition(_("A published entry cannot change; publish a correction instead."))
    return entry


@transaction.atomic
def disclosure_draft_create(*, actor, estate_id: int, data: DisclosureInput, supersedes_id: int | None = None):
    """A new draft; with `supersedes_id`, a correction of that published entry of the same estate.

    Raises NotPermitted, ValidationError (bad input, or nothing published to correct)."""
    _check_publisher(actor, estate_id)
    _check_input(data)
    if supersedes_id is not None:
        old = Disclosure.objects.filter(pk=supersedes_id, estate_id=estate_id).first()
        if old is None or old.status != Disclosure.Status.PUBLISHED:
            raise ValidationError({"supersedes": [_("Only a published entry of this estate can be corrected.")]})
    entry = Disclosure.objects.create(estate_id=estate_id, created_by=actor, supersedes_id=supersedes_id,
                                      **vars(data))  # fmt: skip
    audit_record(action="disclosure.drafted", actor=actor, obj=entry, estate_id=estate_id)
    return entry


@transaction.atomic
def disclosure_draft_update(*, actor, disclosure_id: int, data: DisclosureInput) -> Disclosure:
    """Rewrite a draft. Raises NotPermitted, InvalidTransition (published), ValidationError."""
    entry = _draft(disclosure_id)
    _check_publisher(actor, entry.estate_id)
    _check_input(data)
    for name, value in vars(data).items():
        setattr(entry, name, value)
    entry.save()
    return entry


@transaction.atomic
def disclosure_draft_delete(*, actor, disclosure_id: int) -> None:
    """Throw a draft away with its files. Raises NotPermitted, InvalidTransition (published)."""
    entry = _draft(disclosure_id)
    _check_publisher(actor, entry.estate_id)
    names = [attachment.file.name for attachment in entry.attachments.all()]
    audit_record(action="disclosure.draft_deleted", actor=actor, obj=entry, estate_id=entry.estate_id)
    entry.delete()
    storage = DisclosureAttachment._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def disclosure_attach(*, actor, disclosure_id: int, name: str, data: bytes) -> DisclosureAttachment:
    """Check and attach a file to a draft. Raises ValidationError naming `file`, NotPermitted, InvalidTransition."""
    entry = _draft(disclosure_id)
    _check_publisher(actor, entry.estate_id)
    if entry.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": [_("At most %(n)s files per entry.") % {"n": MAX_ATTACHMENTS}]})
    try:
        clean = files.clean(name, data)
    except files.BadFile as exc:
        raise ValidationError({"file": [exc.message]}) from exc
    attachment = DisclosureAttachment(disclosure=entry, name=clean.name, kind=clean.kind, size=len(clean.data),
                                      uploaded_by=actor)  # fmt: skip
    store(attachment.file, f"{uuid.uuid4().hex}.{clean.extension}", clean.data)
    attachment.save()
    return attachment


@transaction.atomic
def disclosure_publish(*, actor, disclosure_id: int) -> Disclosure:
    """Publish a draft; if it corrects an entry, that one is marked superseded (both stay visible).

    Raises NotPermitted, InvalidTransition (not a draft, or the corrected entry was corrected already),
    ValidationError (fee standards without the 12358 price hotline)."""
    entry = _draft(disclosure_id)
    _check_publisher(actor, entry.estate_id)
    if entry.kind == Kind.FEE_STANDARDS and PRICE_HOTLINE not in entry.body:
        message = _("Fee standards must show the %(hotline)s price hotline: add it to the text before publishing.")
        raise ValidationError({"body": [message % {"hotline": PRICE_HOTLINE}]})
    if entry.supersedes_id is not None:
        old = Disclosure.objects.select_for_update().get(pk=entry.supersedes_id)
        if old.status != Disclosure.Status.PUBLISHED:
            raise InvalidTransition(_("The entry this corrects has already been corrected."))
        old.status = Disclosure.Status.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
    entry.status, entry.published_at, entry.published_by = Disclosure.Status.PUBLISHED, timezone.now(), actor
    entry.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(action="disclosure.published", actor=actor, obj=entry, estate_id=entry.estate_id,
                 supersedes=entry.supersedes_id)  # fmt: skip
    return entry


def _asked_today(actor, estate_id: int) -> int:
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return DisclosureQuestion.objects.filter(
        asker=actor, disclosure__estate_id=estate_id, asked_at__gte=midnight, asked_at__lt=midnight + timedelta(days=1)
    ).count()


@transaction.atomic
def disclosure_question_ask(*, actor, disclosure_id: int, body: str) -> DisclosureQuestion:
    """A resident of the estate asks a question on a published entry.

    Raises NotPermitted (not a resident there), InvalidTransition (not published), ValidationError (empty,
    too long, or over the daily limit)."""
    entry = Disclosure.objects.select_related("estate").get(pk=disclosure_id)
    is_owner = selectors.asker_is_owner(user=actor, estate=entry.estate)
    if is_owner is None:
        raise NotPermitted(_("Only residents of this estate can ask about its disclosures."))
    if entry.status != Disclosure.Status.PUBLISHED:
        raise InvalidTransition(_("Questions are taken on the current published entry only."))
    body = body.strip()
    if not body or len(body) > 2000:
        raise ValidationError({"body": [_("Write your question in at most 2000 characters.")]})
    # one resident's questions are counted under a lock on their user row, so two at once cannot both pass
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if _asked_today(actor, entry.estate_id) >= QUESTIONS_PER_DAY:
        message = _("You can ask at most %(n)s questions a day about this estate's disclosures; try again tomorrow.")
        raise ValidationError({"body": [message % {"n": QUESTIONS_PER_DAY}]})
    return DisclosureQuestion.objects.create(disclosure=entry, asker=actor, asker_is_owner=is_owner, body=body)


@transaction.atomic
def disclosure_question_answer(*, actor, question_id: int, answer: str) -> DisclosureQuestion:
    """The company answers a question publicly, once; the asker is told.

    Raises NotPermitted, InvalidTransition (answered already), ValidationError (empty answer)."""
    question = DisclosureQuestion.objects.select_for_update().select_related("disclosure__estate").get(pk=question_id)
    entry = question.disclosure
    _check_publisher(actor, entry.estate_id)
    if question.answered_at is not None:
        raise InvalidTransition(_("This question has already been answered."))
    if not answer.strip():
        raise ValidationError({"answer": [_("Write the answer.")]})
    question.answer, question.answered_at, question.answered_by = answer.strip(), timezone.now(), actor
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    audit_record(action="disclosure.answered", actor=actor, obj=question, estate_id=entry.estate_id)
    if question.asker is not None:
        link = reverse("committee-public-disclosure", kwargs={"estate": entry.estate.slug, "pk": entry.pk})
        notify_user(user=question.asker, event_key=f"disclosure-answer-{question.pk}", link=link,
                    subject=_("Your question on “%(title)s” has been answered"),
                    params={"title": entry.title})  # fmt: skip
    return question


def _managers(estate_id: int):
    roles = access.CAPABILITIES[selectors.PUBLISH]
    return User.objects.filter(estate_roles__estate_id=estate_id, estate_roles__role__in=roles,
                               is_active=True).distinct().order_by("pk")  # fmt: skip


def disclosure_reminders_send(*, today: date | None = None) -> int:
    """Remind each estate's managers of every kind that is due, once per due date; returns how many kinds were
    newly reminded. Safe to run again: the reminder row is unique per estate, kind and due date."""
    today = today or timezone.localdate()
    sent = 0
    for estate in Estate.objects.order_by("pk"):
        for due in selectors.standings(estate_id=estate.pk, today=today):
            if due.overdue and _remind(estate, due):
                sent += 1
    return sent


def _remind(estate: Estate, due) -> bool:
    try:
        with transaction.atomic():
            DisclosureReminder.objects.create(estate=estate, kind=due.kind, due_on=due.due_on)
            link = reverse("staff-committee-disclosures", kwargs={"estate": estate.slug})
            for manager in _managers(estate.pk):
                notify_user(user=manager, event_key=f"disclosure-due-{estate.pk}-{due.kind}-{due.due_on}", link=link,
                            subject=_("%(estate)s: “%(kind)s” is due for publication"),
                            params={"estate": estate.name, "kind": Kind(due.kind).label})  # fmt: skip
    except IntegrityError:  # reminded already for this due date
        return False
    return True
