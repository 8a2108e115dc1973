"""Reads shared by the committee's features."""

from .models import CommitteeRules


def rules_for(*, estate_id: int) -> CommitteeRules:
    """The estate's committee rules, or the national defaults (unsaved) when it has none."""
    return CommitteeRules.objects.filter(estate_id=estate_id).first() or CommitteeRules(estate_id=estate_id)
