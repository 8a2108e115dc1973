"""Keeping the Wagtail editor groups equal to the estate roles they mirror. Connected in PortalConfig.ready().

Roles change through several doors (the Django admin's role inline, the committee's seat services, demo and
import code) and no one service, so the mirror follows the role rows themselves: after a save the user's groups
are set from their roles (access given or taken); after a delete access is only taken away. Bulk writes send no
signals: `manage.py estate_homes` brings every group up to date after them.
"""

from django.db.models.signals import post_delete, post_save

from residents.models import EstateRole

from .editors import editor_access_sync


def role_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        editor_access_sync(user_id=instance.user_id, may_add=True)


def role_deleted(sender, instance, **kwargs):
    editor_access_sync(user_id=instance.user_id, may_add=False)


def connect() -> None:
    post_save.connect(role_saved, sender=EstateRole, dispatch_uid="linli-cms-editors-role-saved")
    post_delete.connect(role_deleted, sender=EstateRole, dispatch_uid="linli-cms-editors-role-deleted")
