"""Who may do what, where: the one place for roles, capabilities and estate scoping.

A capability is granted to roles; a user has it in the estates where they hold one of those roles.
Admins (superusers) have every capability everywhere. Selectors scope querysets with `estate_ids_with`.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import EstateRole, Occupancy, Ownership, Role, User

STAFF_ROLES = frozenset({Role.DISPATCHER, Role.TECHNICIAN, Role.MANAGER})
PRIVILEGED_ROLES = STAFF_ROLES | {Role.COMMITTEE, Role.ADMIN}  # need two-factor sign-in

CAPABILITIES = {
    "registry.view": {Role.DISPATCHER, Role.TECHNICIAN, Role.MANAGER},
    "registry.edit": {Role.MANAGER},
    "registry.import": {Role.MANAGER},
    "people.view": {Role.DISPATCHER, Role.MANAGER},
    "people.reveal_phone": {Role.DISPATCHER, Role.MANAGER},
    "people.erase": {Role.MANAGER},  # carry out or refuse a resident's request to erase their account
    "claims.decide": {Role.DISPATCHER, Role.MANAGER},
    "audit.view": {Role.MANAGER},
    "committee.view": {Role.COMMITTEE},
    # repairs: dispatchers and managers see every order of their estates; technicians only their own jobs
    "repairs.view_all": {Role.DISPATCHER, Role.MANAGER},
    "repairs.take": {Role.DISPATCHER, Role.MANAGER},
    "repairs.dispatch": {Role.DISPATCHER, Role.MANAGER},
    "repairs.manage": {Role.MANAGER},
    "repairs.work": {Role.TECHNICIAN},
    # feedback: managers run surveys; managers and the committee read the scores (the committee supervises)
    "feedback.manage": {Role.MANAGER},
    "feedback.scores": {Role.MANAGER, Role.COMMITTEE},
    # by trade and by technician: crossed with the buildings these could single residents out (see
    # feedback.scores.disclosure), and a technician's scores are the company's staff matters
    "feedback.breakdowns": {Role.MANAGER},
    # complaints: dispatchers and managers handle them; escalations reach managers, then the committee
    "complaints.handle": {Role.DISPATCHER, Role.MANAGER},
    "complaints.escalated": {Role.MANAGER},
    "complaints.committee": {Role.COMMITTEE},
    # committee: members run the committee's business; the company answers to it and publishes what it must
    "committee.manage": {Role.COMMITTEE},
    "committee.answer": {Role.MANAGER},
    "disclosures.publish": {Role.MANAGER},
    "documents.manage": {Role.MANAGER, Role.COMMITTEE},
    "votes.paper": {Role.MANAGER, Role.COMMITTEE},
    # portal: an estate's staff and committee read its notice pages as its residents do
    "notices.read": {Role.DISPATCHER, Role.TECHNICIAN, Role.MANAGER, Role.COMMITTEE},
    # the estate's pages in the Wagtail admin (/cms/): managers write and publish its notices and sections
    "content.edit": {Role.MANAGER},
    # portal: managers see how their residents used the self-help articles (views, problems solved)
    "kb.stats": {Role.MANAGER},
}


def _grants(user):
    """(estate id, role) pairs, cached on the user object for the request."""
    if not hasattr(user, "_linli_grants"):
        user._linli_grants = frozenset(EstateRole.objects.filter(user=user).values_list("estate_id", "role"))
    return user._linli_grants


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def roles_of(user) -> set[str]:
    """All roles the user holds anywhere (resident if they have a current unit)."""
    if not user.is_authenticated:
        return set()
    roles = {role for _, role in _grants(user)}
    if is_admin(user):
        roles.add(Role.ADMIN)
    if resident_unit_ids(user):
        roles.add(Role.RESIDENT)
    return roles


def needs_two_factor(user) -> bool:
    """Admins, Django-admin users (is_staff) and anyone holding an estate role must sign in with a TOTP code."""
    return user.is_authenticated and (is_admin(user) or user.is_staff or any(role for _, role in _grants(user)))


def may_enter_admin_sites(user) -> bool:
    """Django's admin lets in is_staff users; Wagtail's lets in holders of access_admin (usually via a group)."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def is_staff_member(user) -> bool:
    return user.is_authenticated and (is_admin(user) or any(r in STAFF_ROLES for _, r in _grants(user)))


def uses_resident_pages(user) -> bool:
    """Whether the resident's pages (my home, repairs, surveys, feedback) belong in the user's navigation: for
    anyone with a home here, and for a person holding no staff, committee or admin role (a newcomer who has yet
    to claim a unit). Staff and committee members without a home here see only their consoles."""
    if not user.is_authenticated or not hasattr(user, "person"):
        return False
    return bool(resident_unit_ids(user)) or not (is_admin(user) or _grants(user))


def landing_for(user) -> str:
    """Where sign-in lands (a URL name or path): the staff console for staff and admins; 'my home' for residents
    (a committee member who lives here finds the workspace there) and newcomers; the committee workspace for a
    committee member with no home here; else the site's home."""
    if is_staff_member(user):
        return "staff-dashboard"
    if uses_resident_pages(user):
        return "resident-dashboard"
    return "committee-home" if can(user, "committee.view") else "/"


def estate_ids_with(user, capability: str) -> set[int] | None:
    """Estates where the user has the capability; None means every estate (admin)."""
    if not user.is_authenticated:
        return set()
    if is_admin(user):
        return None
    roles = CAPABILITIES[capability]
    return {estate_id for estate_id, role in _grants(user) if role in roles}


def can(user, capability: str, estate_id: int | None = None) -> bool:
    """True if the user has the capability in that estate (or in any estate when estate_id is None)."""
    ids = estate_ids_with(user, capability)
    if ids is None:
        return True
    return bool(ids) if estate_id is None else estate_id in ids


def scope_by_estate(queryset, user, capability: str, field: str = "estate_id"):
    """Filter a queryset to rows in estates where the user has the capability."""
    ids = estate_ids_with(user, capability)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def role_grants(capability: str):
    """The estate roles that carry the capability, read fresh (no cache): for keeping mirrors of the grants,
    such as the Wagtail editor groups, equal to them."""
    return EstateRole.objects.filter(role__in=CAPABILITIES[capability])


def current(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


# Bumped by any saved or deleted ownership or occupancy in this process: it voids every memo below.
_homes_changed = [0]


def _homes_change(**kwargs):
    _homes_changed[0] += 1


for _model in (Ownership, Occupancy):
    post_save.connect(_homes_change, sender=_model, dispatch_uid=f"linli-homes-{_model.__name__}")
    post_delete.connect(_homes_change, sender=_model, dispatch_uid=f"linli-homes-del-{_model.__name__}")


def _homes(user) -> dict[int, object]:
    """{unit id: the date the user's tie began} for the units the user currently owns (verified) or lives in.

    One query, remembered on the user object (one request's lifetime in the web process) until the day changes
    or an ownership or occupancy is saved or deleted: a page asks several times (navigation, panels, actions)."""
    key = (_homes_changed[0], timezone.localdate())
    memo = getattr(user, "_linli_homes", None)
    if memo is None or memo[0] != key:
        owned = Ownership.objects.filter(current(), person__user=user, verified_at__isnull=False)
        lived = Occupancy.objects.filter(current(), person__user=user)
        since = {}
        for unit_id, start in owned.values_list("unit_id", "start").union(lived.values_list("unit_id", "start")):
            since[unit_id] = min(start, since.get(unit_id, start))
        memo = (key, since)
        user._linli_homes = memo
    return memo[1]


def resident_unit_ids(user) -> set[int]:
    """Units the user currently owns (verified) or lives in."""
    return set(_homes(user)) if user.is_authenticated else set()


def residents_of_units(unit_ids):
    """Users who currently own (verified) or live in any of the units (ids or an id queryset), with their
    person record: the other side of resident_unit_ids."""
    owners = Ownership.objects.filter(current(), unit__in=unit_ids, verified_at__isnull=False).values("person__user")
    occupants = Occupancy.objects.filter(current(), unit__in=unit_ids).values("person__user")
    users = User.objects.filter(Q(pk__in=owners) | Q(pk__in=occupants), is_active=True)
    return users.select_related("person").order_by("pk")


def resident_unit_since(user) -> dict[int, object]:
    """For each unit the user currently owns (verified) or lives in, the date their tie began."""
    return dict(_homes(user)) if user.is_authenticated else {}
