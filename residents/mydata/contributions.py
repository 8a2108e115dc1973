"""The residents app's sections of the export: the account, the homes, the notifications."""

from core.models import Notification, OutboxMessage

from ..models import Occupancy, Ownership, UnitClaim


def _unit(unit) -> dict:
    return {"estate": unit.estate.name, "building": unit.building.name, "number": unit.number}


def account_section(user) -> dict:
    person = getattr(user, "person", None)
    data = {
        "user": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "phone": user.phone,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "person": None,
        "privacy_consents": [],
        "contact_consents": [],
        "deletion_requests": [],
    }
    if person is None:
        return data
    data["person"] = {
        "full_name": person.full_name,
        "contact_channels": person.channels,
        "language": person.language,
        "created_at": person.created_at,
    }
    data["privacy_consents"] = [
        {"version": c.version, "accepted_at": c.accepted_at, "withdrawn_at": c.withdrawn_at}
        for c in person.consents.order_by("accepted_at", "id")
    ]
    data["contact_consents"] = [
        {"topic": c.topic, "given_at": c.given_at, "withdrawn_at": c.withdrawn_at}
        for c in person.contact_consents.order_by("given_at", "id")
    ]
    data["deletion_requests"] = [
        {
            "status": r.status,
            "requested_at": r.created_at,
            "decided_at": r.decided_at,
            "refusal_reason": r.refusal_reason,
        }
        for r in person.deletion_requests.order_by("created_at", "id")
    ]
    return data


def homes_section(user) -> dict:
    related = ("unit__estate", "unit__building")
    ownerships = Ownership.objects.filter(person__user=user).select_related(*related).order_by("start", "id")
    occupancies = Occupancy.objects.filter(person__user=user).select_related(*related).order_by("start", "id")
    claims = UnitClaim.objects.filter(person__user=user).select_related(*related).order_by("created_at", "id")
    return {
        "ownerships": [
            {"unit": _unit(o.unit), "share": o.share, "from": o.start, "to": o.end, "verified_at": o.verified_at}
            for o in ownerships
        ],
        "occupancies": [{"unit": _unit(o.unit), "kind": o.kind, "from": o.start, "to": o.end} for o in occupancies],
        "claims": [
            {
                "unit": _unit(c.unit),
                "relation": c.relation,
                "note": c.note,
                "status": c.status,
                "reason": c.reason,
                "claimed_at": c.created_at,
                "decided_at": c.decided_at,
            }
            for c in claims
        ],
    }


def notifications_section(user) -> dict:
    """In-app messages, and every message queued for the user on any channel (to their own address)."""
    return {
        "in_app": [
            {"subject": n.subject, "body": n.body, "link": n.link, "created_at": n.created_at, "read_at": n.read_at}
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "id")
        ],
        "deliveries": [
            {
                "channel": m.channel,
                "address": m.address,
                "subject": m.subject,
                "status": m.status,
                "created_at": m.created_at,
                "sent_at": m.sent_at,
            }
            for m in OutboxMessage.objects.filter(recipient=user).order_by("created_at", "id")
        ],
    }
