"""Writes to the registry and to people. Each function is one transaction and writes its audit row."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from core.models import Channel
from core.phones import normalize_phone

from . import access
from .models import ContactConsent, Occupancy, Ownership, Person, PrivacyConsent, UnitClaim, User
from .notify import notify_user


@dataclass(frozen=True)
class SignupData:
    full_name: str
    password: str
    phone: str = ""
    email: str = ""
    language: str = "zh-hans"
    accept_privacy_notice: bool = False


def _check_contact(*, phone: str, email: str) -> tuple[str, str]:
    errors = {}
    if not phone and not email:
        errors["phone"] = [_("Give a phone number or an email address.")]
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
        else:
            if User.objects.filter(phone=phone).exists():
                errors["phone"] = [_("This phone number is already registered.")]
    email = User.objects.normalize_email(email).strip().lower() if email else ""
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("This email address is already registered.")]
    if errors:
        raise ValidationError(errors)
    return phone, email


@transaction.atomic
def user_signup(*, data: SignupData, request=None) -> User:
    """Create a resident login with its person record and privacy consent; raises ValidationError per field."""
    errors = {}
    if not data.full_name.strip():
        errors["full_name"] = [_("Enter your name.")]
    if not data.accept_privacy_notice:
        errors["accept_privacy_notice"] = [_("You must accept the privacy notice to register.")]
    try:
        phone, email = _check_contact(phone=data.phone.strip(), email=data.email.strip())
    except ValidationError as exc:
        errors.update(exc.message_dict)
        phone, email = "", ""
    candidate = User(username=f"u{get_random_string(11).lower()}", phone=phone, email=email)
    try:
        validate_password(data.password, candidate)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    candidate.set_password(data.password)
    candidate.save()
    person = Person.objects.create(
        user=candidate,
        full_name=data.full_name.strip(),
        language=data.language,
        channels=[Channel.IN_APP, Channel.SMS if phone else Channel.EMAIL],
    )
    PrivacyConsent.objects.create(
        person=person, version=settings.LINLI_PRIVACY_NOTICE_VERSION, accepted_at=timezone.now()
    )
    _contact_consents_set(person=person, topics=set(person.channels))
    audit_record(action="person.created", actor=candidate, obj=person, request=request)
    return candidate


def _contact_consents_set(*, person: Person, topics: set[str]) -> tuple[list[str], list[str]]:
    """Open a consent row for each topic newly agreed to, close the open rows of those withdrawn; returns
    (given, withdrawn). In-app messages are the service itself and need none."""
    wanted = topics & set(ContactConsent.Topic.values)
    now = timezone.now()
    open_rows = ContactConsent.objects.select_for_update().filter(person=person, withdrawn_at__isnull=True)
    held = set(open_rows.values_list("topic", flat=True))
    withdrawn, given = sorted(held - wanted), sorted(wanted - held)
    open_rows.filter(topic__in=withdrawn).update(withdrawn_at=now)
    ContactConsent.objects.bulk_create([ContactConsent(person=person, topic=t, given_at=now) for t in given])
    return given, withdrawn


@transaction.atomic
def person_update_preferences(
    *, person: Person, channels: list[str], language: str, marketing: bool, request=None
) -> Person:
    """Set the person's contact channels, language and consent to news and offers, recording when each consent
    was given or withdrawn; raises ValidationError naming a bad channel."""
    valid = set(Channel.values)
    bad = [c for c in channels if c not in valid]
    if bad:
        raise ValidationError({"channels": [_("Unknown channel: %(name)s.") % {"name": ", ".join(bad)}]})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Unknown language: %(name)s.") % {"name": language}]})
    user = person.user
    missing = [
        c
        for c in channels
        if (c == Channel.EMAIL and not user.email) or (c in (Channel.SMS, Channel.WECHAT) and not user.phone)
    ]
    if missing:
        raise ValidationError({"channels": [_("Add a phone number or email address before choosing that channel.")]})
    person.channels = list(dict.fromkeys(channels))
    person.language = language
    person.save(update_fields=["channels", "language", "updated_at"])
    topics = set(person.channels) | ({ContactConsent.Topic.MARKETING.value} if marketing else set())
    given, withdrawn = _contact_consents_set(person=person, topics=topics)
    audit_record(
        action="person.preferences_changed",
        actor=user,
        obj=person,
        request=request,
        channels=person.channels,
        language=language,
        consents_given=given,
        consents_withdrawn=withdrawn,
    )
    return person


@transaction.atomic
def privacy_consent_accept(*, person: Person, request=None) -> PrivacyConsent:
    """Record acceptance of the current privacy notice version (idempotent for that version)."""
    version = settings.LINLI_PRIVACY_NOTICE_VERSION
    consent, created = PrivacyConsent.objects.get_or_create(
        person=person, version=version, withdrawn_at=None, defaults={"accepted_at": timezone.now()}
    )
    if created:
        audit_record(action="person.consent_given", actor=person.user, obj=person, request=request, version=version)
    return consent


@transaction.atomic
def unit_claim_create(*, person: Person, unit, relation: str, note: str = "", request=None) -> UnitClaim:
    """File a claim to a unit; refused if the person already has a pending claim or a current tie to it."""
    if relation not in UnitClaim.Relation.values:
        raise ValidationError({"relation": [_("Choose owner, tenant or household member.")]})
    if UnitClaim.objects.filter(person=person, unit=unit, status=UnitClaim.Status.PENDING).exists():
        raise ValidationError({"unit": [_("You already have a claim to this unit waiting for review.")]})
    if unit.pk in access.resident_unit_ids(person.user):
        raise ValidationError({"unit": [_("This unit is already linked to your account.")]})
    claim = UnitClaim.objects.create(person=person, unit=unit, relation=relation, note=note.strip())
    audit_record(action="claim.created", actor=person.user, obj=claim, estate_id=unit.estate_id, request=request)
    return claim


def _locked_pending_claim(claim_id: int, actor) -> UnitClaim:
    claim = UnitClaim.objects.select_for_update().select_related("unit", "person__user").get(pk=claim_id)
    if not access.can(actor, "claims.decide", claim.unit.estate_id):
        raise NotPermitted(_("You may not decide claims in this estate."))
    if claim.status != UnitClaim.Status.PENDING:
        raise InvalidTransition(_("This claim was already %(status)s.") % {"status": claim.get_status_display()})
    return claim


@transaction.atomic
def unit_claim_approve(*, claim_id: int, actor, request=None) -> UnitClaim:
    """Approve a pending claim: the claimant becomes a verified owner or an occupant, and is told."""
    claim = _locked_pending_claim(claim_id, actor)
    now = timezone.now()
    if claim.relation == UnitClaim.Relation.OWNER:
        Ownership.objects.create(
            person=claim.person, unit=claim.unit, start=timezone.localdate(), verified_at=now, verified_by=actor
        )
    else:
        Occupancy.objects.create(person=claim.person, unit=claim.unit, kind=claim.relation, start=timezone.localdate())
    claim.status, claim.decided_at, claim.decided_by = UnitClaim.Status.APPROVED, now, actor
    claim.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    audit_record(action="claim.approved", actor=actor, obj=claim, estate_id=claim.unit.estate_id, request=request)
    notify_user(
        user=claim.person.user,
        event_key=f"claim.{claim.pk}.decided",
        subject=gettext_lazy("Your claim to a unit was approved"),
        body=gettext_lazy("You can now report repairs and take part in your estate online."),
        link="/me/",
    )
    return claim


@transaction.atomic
def unit_claim_reject(*, claim_id: int, actor, reason: str, request=None) -> UnitClaim:
    """Reject a pending claim with a reason the claimant will read."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the resident a reason for the rejection.")]})
    claim = _locked_pending_claim(claim_id, actor)
    claim.status, claim.reason = UnitClaim.Status.REJECTED, reason.strip()
    claim.decided_at, claim.decided_by = timezone.now(), actor
    claim.save(update_fields=["status", "reason", "decided_at", "decided_by", "updated_at"])
    audit_record(action="claim.rejected", actor=actor, obj=claim, estate_id=claim.unit.estate_id, request=request)
    notify_user(
        user=claim.person.user,
        event_key=f"claim.{claim.pk}.decided",
        subject=gettext_lazy("Your claim to a unit was not approved"),
        body=claim.reason,
        link="/me/",
    )
    return claim


def phone_reveal(*, actor, holder, phone: str, estate_id: int, request=None) -> str:
    """Return a full phone number held on `holder` (a person, a work order's contact) to staff with
    people.reveal_phone in the estate, auditing it as "<model>.phone_revealed"; raises NotPermitted."""
    if not access.can(actor, "people.reveal_phone", estate_id):
        raise NotPermitted(_("You may not see this phone number."))
    action = f"{holder._meta.model_name}.phone_revealed"
    audit_record(action=action, actor=actor, obj=holder, estate_id=estate_id, request=request)
    return phone


def person_reveal_phone(*, actor, person: Person, estate_id: int, request=None) -> str:
    """Return a person's full phone number to staff allowed to see it, and audit the reveal."""
    return phone_reveal(actor=actor, holder=person, phone=person.user.phone, estate_id=estate_id, request=request)
