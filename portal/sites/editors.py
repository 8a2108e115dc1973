"""Who edits which estate's pages in the Wagtail admin (/cms/): one Wagtail group per estate, with admin access
and page permissions on that estate's home (so on its whole tree, nothing else), whose members are exactly the
users holding `content.edit` there (residents.access). Superusers need no group.

The group mirrors the estate's roles, so it is brought up to date whenever a role is saved or deleted
(signal_handlers), an estate home is made (ensure_estate_home), or `manage.py estate_homes` runs.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from core.audit import audit_record
from residents import access
from residents.models import Estate, User

from .models import EstateEditors, EstateHomePage

CAPABILITY = "content.edit"
# Wagtail's page permissions an editor holds on the estate home and everything under it. Not bulk_delete: a
# section with pages under it is not deleted in one go (and wagtail_hooks refuses deleting the home itself).
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _group_for(estate: Estate) -> Group:
    """The estate's editor group, made on first use (its name, in the site's language, is for the admin's list)."""
    link = EstateEditors.objects.filter(estate=estate).select_related("group").first()
    if link is not None:
        return link.group
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Page editors of %(estate)s (%(slug)s)") % {"estate": estate.name, "slug": estate.slug}
    group = Group.objects.create(name=name[:150])
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    EstateEditors.objects.create(estate=estate, group=group)
    return group


def _grant_pages(group: Group, home: EstateHomePage) -> None:
    """Page permissions on the estate home only (a home made again gets them moved to it)."""
    GroupPagePermission.objects.filter(group=group).exclude(page=home).delete()
    wanted = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def _record(action: str, user_id: int, estate_id: int) -> None:
    audit_record(action=action, obj=User(pk=user_id), estate_id=estate_id)


def _set_members(group: Group, estate: Estate, user_ids: set[int]) -> None:
    """Make the group's members exactly `user_ids`, recording each change in the audit log."""
    members = set(group.user_set.values_list("pk", flat=True))
    group.user_set.add(*(user_ids - members))
    group.user_set.remove(*(members - user_ids))
    for user_id in sorted(user_ids - members):
        _record("cms.editor_added", user_id, estate.pk)
    for user_id in sorted(members - user_ids):
        _record("cms.editor_removed", user_id, estate.pk)


@transaction.atomic
def estate_editors_sync(*, estate: Estate) -> Group | None:
    """Give the estate's `content.edit` holders (active users) its page tree in the Wagtail admin, and nobody
    else. Without an estate home there is nothing to edit: the group, if any, is emptied. Returns the group."""
    home = EstateHomePage.objects.filter(estate=estate).first()
    if home is None:
        link = EstateEditors.objects.filter(estate=estate).select_related("group").first()
        if link is not None:
            _set_members(link.group, estate, set())
        return link.group if link else None
    group = _group_for(estate)
    _grant_pages(group, home)
    holders = access.role_grants(CAPABILITY).filter(estate=estate, user__is_active=True)
    _set_members(group, estate, set(holders.values_list("user_id", flat=True)))
    return group


@transaction.atomic
def editor_access_sync(*, user_id: int, may_add: bool) -> None:
    """Put the user in the editor groups of exactly the estates where they now hold `content.edit`.

    `may_add=False` only takes access away: used when a role row is deleted, possibly with its user (a group
    membership added then would point at a user being deleted)."""
    wanted = set(access.role_grants(CAPABILITY).filter(user_id=user_id).values_list("estate_id", flat=True))
    if may_add and not User.objects.filter(pk=user_id, is_active=True).exists():
        may_add, wanted = False, set()
    held = set(Group.objects.filter(user__pk=user_id).values_list("pk", flat=True))
    links = EstateEditors.objects.filter(Q(group_id__in=held) | Q(estate_id__in=wanted)).select_related("group")
    for link in links:
        if link.group_id in held and link.estate_id not in wanted:
            link.group.user_set.remove(user_id)
            _record("cms.editor_removed", user_id, link.estate_id)
        elif may_add and link.group_id not in held and link.estate_id in wanted:
            link.group.user_set.add(user_id)
            _record("cms.editor_added", user_id, link.estate_id)
