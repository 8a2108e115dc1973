"""Asking for, carrying out and refusing the erasure of an account (PIPL Art. 47, 50; SECURITY.md §5.18).

Erasure walks the registry of personal fields (registry.py) in one transaction: names replaced, contact details
cleared, free text the person wrote replaced by a placeholder, photos of their home deleted (the files after
commit). Records that are not personal stay: the work-order history, the anonymous counts of votes and
surveys. The login is deactivated, its password made unusable and its API tokens deleted. The erasure is written
to the erasure ledger in the same transaction (ledger.py re-applies it to a restored backup).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotPermitted
from core.models import Channel
from core.outbox import Envelope, outbox_enqueue

from ..models import User
from ..notify import notify_user
from .models import DeletionRequest, ErasureLedgerEntry
from .registry import PERSONAL_FIELDS, Erase
from .selectors import may_decide

log = logging.getLogger(__name__)

MIN_SCRUBBED = 4  # characters: a shorter text ("漏水") copied elsewhere is not the person's, it is everyone's


def erased_values() -> tuple[str, str]:
    """The placeholder name and text written in place of erased values, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased resident"), _("[deleted at the resident's request]")


def deletion_request_create(*, user, password: str, request=None) -> DeletionRequest:
    """Record the signed-in resident's request to erase their account, after they re-enter their password."""
    if not password or not user.check_password(password):
        audit_record(action="mydata.deletion_password_failed", actor=user, obj=user, request=request)
        raise ValidationError({"password": [_("The password is not correct.")]})
    person = user.person
    with transaction.atomic():
        if DeletionRequest.objects.filter(person=person, status=DeletionRequest.Status.OPEN).exists():
            raise Conflict(_("You have already asked for your account to be erased; it is waiting."))
        try:
            with transaction.atomic():
                created = DeletionRequest.objects.create(person=person)
        except IntegrityError:  # a second request raced this one past the check (one_open_deletion_request)
            raise Conflict(_("You have already asked for your account to be erased; it is waiting.")) from None
        audit_record(action="mydata.deletion_requested", actor=user, obj=created, request=request)
        notify_user(
            user=user,
            event_key=f"mydata.{created.pk}.requested",
            subject=gettext_lazy("We received your request to erase your account"),
            body=gettext_lazy("The property office will carry it out or tell you why not."),
            link="/me/data/",
        )
    return created


def decided_event_key(request_id: int) -> str:
    """The notification telling the resident how their request was decided (the farewell, once erased)."""
    return f"mydata.{request_id}.decided"


def _locked_open(request_id: int, actor) -> DeletionRequest:
    found = DeletionRequest.objects.select_for_update().select_related("person__user").get(pk=request_id)
    if not may_decide(actor, found.person):
        raise NotPermitted(_("You may not decide this request."))
    if found.status != DeletionRequest.Status.OPEN:
        raise InvalidTransition(_("This request was already decided."))
    return found


@transaction.atomic
def deletion_request_refuse(*, request_id: int, actor, reason: str, request=None) -> DeletionRequest:
    """Refuse an open request with a reason the resident reads (PIPL Art. 50)."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the resident a reason for the refusal.")]})
    found = _locked_open(request_id, actor)
    found.status, found.refusal_reason = DeletionRequest.Status.REFUSED, reason.strip()[:500]
    found.decided_at, found.decided_by = timezone.now(), actor
    found.save(update_fields=["status", "refusal_reason", "decided_at", "decided_by", "updated_at"])
    audit_record(action="mydata.deletion_refused", actor=actor, obj=found, request=request)
    notify_user(
        user=found.person.user,
        event_key=decided_event_key(found.pk),
        subject=gettext_lazy("Your request to erase your account was refused"),
        body=found.refusal_reason,
        link="/me/data/",
    )
    return found


@transaction.atomic
def deletion_request_erase(*, request_id: int, actor, request=None) -> DeletionRequest:
    """Carry out an open request: erase the account, record it, and tell the resident on their own channels."""
    found = _locked_open(request_id, actor)
    user = found.person.user
    farewell = _farewell(user, event_key=decided_event_key(found.pk))  # addresses read before they are erased
    counts = account_erase(user=user, deletion_request_id=found.pk, actor_id=actor.pk)
    found.status, found.decided_at, found.decided_by = DeletionRequest.Status.ERASED, timezone.now(), actor
    found.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    audit_record(action="mydata.erased", actor=actor, obj=found, request=request, subject_user_id=user.pk, **counts)
    outbox_enqueue(envelopes=farewell)
    return found


def _farewell(user, *, event_key: str) -> list[Envelope]:
    """The message telling the person their account is gone, on the channels they chose that have an address.

    In-app is left out (they can no longer sign in). It is the one row that keeps their address: the address
    is needed to deliver it."""
    person = user.person
    with translation.override(person.language):
        subject = _("Your account has been erased")
        body = _("As you asked, we have erased your personal data from the resident portal.")
    addresses = {Channel.EMAIL: user.email, Channel.SMS: user.phone, Channel.WECHAT: user.phone}
    return [
        Envelope(event_key, channel, user.pk, addresses[channel], subject, body)
        for channel in dict.fromkeys(person.channels)
        if addresses.get(channel)
    ]


def empty_value(field):
    """What erasure writes into a cleared field: "", None or the JSON default."""
    if isinstance(field, models.JSONField):
        return field.get_default()
    return None if field.null else ""


def account_erase(*, user: User, deletion_request_id: int | None = None, actor_id: int | None = None) -> dict:
    """Erase every registered personal field of the user and record it in the erasure ledger; the caller holds
    the transaction, so the ledger entry commits with the erasure or not at all.

    Returns how many rows each strategy touched (for the audit row). Files are deleted after commit."""
    counts = personal_data_erase(user=user)
    ErasureLedgerEntry.objects.create(
        user_id=user.pk, person_id=user.person.pk, deletion_request_id=deletion_request_id, actor_id=actor_id
    )
    return counts


def personal_data_erase(*, user: User, file_storage=None) -> dict:
    """The erasure itself, in the database `user` was read from; the caller holds the transaction and writes
    the ledger entry (account_erase for a new erasure, ledger.ledger_reapply for one re-applied to a restore).

    `file_storage(field)` is where a file field's files are: the field's own storage, or the restored copy of the
    media when the restore drill re-applies the ledger."""
    using = user._state.db or DEFAULT_DB_ALIAS
    file_storage = file_storage or (lambda field: field.storage)
    person = user.person
    old_name = person.full_name
    erased_name, erased_text = erased_values()
    counts: dict[str, int] = {}
    files, doomed = [], {}
    identifiers = {old_name, user.email, user.phone, user.phone.removeprefix("+86")}  # scrubbed from copies
    written_texts = set()  # scrubbed too, unless so short that they would hit other people's words
    own = [entry for entry in PERSONAL_FIELDS if entry.erase not in (Erase.LINK, Erase.RETAIN, Erase.SCRUB)]
    for entry in own:
        model = apps.get_model(entry.model)
        field = model._meta.get_field(entry.field)
        # a plain QuerySet: append-only models refuse bulk updates through their manager, and erasure is the
        # one change their free text must take
        rows = models.QuerySet(model, using=using).filter(**{entry.subject or "pk": user.pk})
        if entry.erase == Erase.PSEUDONYM:
            touched = rows.update(**{entry.field: f"erased-{user.pk}"})
        elif entry.erase == Erase.NAME:
            touched = rows.update(**{entry.field: erased_name})
        elif entry.erase == Erase.CLEAR:
            touched = rows.update(**{entry.field: empty_value(field)})
        elif entry.erase == Erase.TEXT:
            written = rows.exclude(**{entry.field: ""}).exclude(**{entry.field: erased_text})
            written_texts |= set(written.values_list(entry.field, flat=True))
            touched = written.update(**{entry.field: erased_text})
        elif entry.erase == Erase.REPLACE_NAME:
            replaced = Replace(F(entry.field), Value(old_name), Value(erased_name))
            touched = rows.update(**{entry.field: replaced}) if old_name else 0
        else:  # Erase.FILE
            names = [name for name in rows.values_list(entry.field, flat=True) if name]
            files += [(file_storage(field), name) for name in names]
            doomed.setdefault(model, rows)
            touched = len(names)
        counts[entry.erase] = counts.get(entry.erase, 0) + touched
    for rows in doomed.values():
        rows.delete()
    scrubbed = {v for v in identifiers if v and len(v) >= 2} | {v for v in written_texts if len(v) >= MIN_SCRUBBED}
    counts[Erase.SCRUB] = _scrub(scrubbed, erased_text, using)
    person.channels = [Channel.IN_APP]
    person.save(update_fields=["channels", "updated_at"])
    user = User.objects.using(using).get(pk=user.pk)  # the updates above bypassed this instance
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["password", "is_active"])
    Token.objects.using(using).filter(user=user).delete()
    transaction.on_commit(lambda: _delete_files(files), using=using)
    return {f"rows_{key}": value for key, value in counts.items()}


def _scrub(values: set[str], placeholder: str, using: str) -> int:
    """Replace the erased values where other rows quote them (longest first, so no fragment is left)."""
    touched = 0
    for entry in (entry for entry in PERSONAL_FIELDS if entry.erase == Erase.SCRUB):
        model = apps.get_model(entry.model)
        for value in sorted(values, key=len, reverse=True):
            rows = models.QuerySet(model, using=using).filter(**{f"{entry.field}__contains": value})
            touched += rows.update(**{entry.field: Replace(F(entry.field), Value(value), Value(placeholder))})
    return touched


def _delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # already gone, or the disk refuses: logged, and the row is gone either way
            log.warning("mydata: could not delete an erased file", exc_info=True)
