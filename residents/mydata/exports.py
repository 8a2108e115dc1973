"""'Download my data': the export is assembled from sections that each app contributes.

residents may not import the apps above it, so repairs, feedback and committee register a contributor in their
AppConfig.ready() (like the home page's panels in residents/dashboard.py). A contributor is a callable
`contributor(user) -> dict | list` returning that app's personal data about the user: the person's own values
in full (their phone unmasked: it is theirs) and nothing that identifies anyone else.
"""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from core.audit import audit_record

FORMAT_VERSION = 1

_CONTRIBUTORS: dict[str, Callable] = {}


def register_export(section: str, contributor: Callable) -> None:
    """Add (or replace) the section `section` of the export; by name, so a second ready() adds nothing."""
    _CONTRIBUTORS[section] = contributor


def sections() -> list[str]:
    return list(_CONTRIBUTORS)


def export_build(*, user) -> dict:
    """Every section of the user's data, in registration order; no audit (see export_for)."""
    data = {"format_version": FORMAT_VERSION, "generated_at": timezone.now()}
    for section, contributor in _CONTRIBUTORS.items():
        data[section] = contributor(user)
    return data


def export_for(*, user, request=None) -> dict:
    """The export for the signed-in user, audited as an access to personal data (ASVS 16.3, 8.3.5)."""
    data = export_build(user=user)
    audit_record(action="mydata.exported", actor=user, obj=user, request=request, sections=sections())
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
