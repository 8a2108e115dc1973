"""API keys of Open311 clients: made once and shown once; only their SHA-256 digest is stored."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from residents.models import Estate

from ..models import Open311Client

KEY_PREFIX = "o311_"  # makes a leaked key easy to recognise (secret scanners, logs)
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is for people, not accounting: spare a write per request


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def open311_client_create(*, name: str, estate_slug: str) -> tuple[Open311Client, str]:
    """A new client of the estate and its API key (returned once, never stored); raises ValidationError."""
    estate = Estate.objects.filter(slug=estate_slug).first()
    if estate is None:
        raise ValidationError({"estate": [_("No estate has the slug “%(slug)s”.") % {"slug": estate_slug}]})
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the client a name.")]})
    if Open311Client.objects.filter(estate=estate, name=name).exists():
        raise ValidationError({"name": [_("This estate already has a client named “%(name)s”.") % {"name": name}]})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    client = Open311Client.objects.create(name=name, estate=estate, key_digest=key_digest(key))
    audit_record(action="open311.client_created", obj=client, estate_id=estate.pk, name=name)
    return client, key


def open311_client_for_key(key: str) -> Open311Client | None:
    """The active client holding this key, or None; records when it was last used."""
    if not key:
        return None
    client = Open311Client.objects.select_related("estate").filter(key_digest=key_digest(key), is_active=True).first()
    if client is not None:
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at >= TOUCH_EVERY:
            Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
            client.last_used_at = now
    return client
