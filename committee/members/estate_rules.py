"""The committee edits its estate's rules (CommitteeRules): one service that checks the numbers against each other
and saves, creating the estate's row on the first save."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record

from ..models import CommitteeRules

EDITABLE = ("notice_days", "voting_days_min", "voting_days_max", "members_min", "members_max", "members_odd",
            "term_years_max", "filing_days", "publish_days", "supervision_answer_days", "spot_check_size")  # fmt: skip


def _order_errors(rules: CommitteeRules) -> dict:
    errors = {}
    if rules.voting_days_min > rules.voting_days_max:
        errors["voting_days_min"] = [_("The shortest voting window (%(min)s days) is longer than the longest "
                                       "(%(max)s days).") % {"min": rules.voting_days_min,
                                                             "max": rules.voting_days_max}]  # fmt: skip
    if rules.members_min > rules.members_max:
        errors["members_min"] = [_("The fewest members (%(min)s) is more than the most members (%(max)s).")
                                 % {"min": rules.members_min, "max": rules.members_max}]  # fmt: skip
    elif rules.members_odd and rules.members_min == rules.members_max and rules.members_min % 2 == 0:
        errors["members_odd"] = [_("An odd number of members cannot be exactly %(n)s.") % {"n": rules.members_min}]
    return errors


@transaction.atomic
def committee_rules_update(*, actor, estate_id: int, values: dict, request=None) -> CommitteeRules:
    """Set the estate's rules to `values` (the EDITABLE fields; missing ones keep their value). Raises
    ValidationError naming each bad field, saving nothing."""
    rules = CommitteeRules.objects.select_for_update().filter(estate_id=estate_id).first()
    rules = rules or CommitteeRules(estate_id=estate_id)
    before = {name: getattr(rules, name) for name in EDITABLE}
    for name in EDITABLE:
        if name in values:
            setattr(rules, name, values[name])
    rules.full_clean(exclude=["estate", "developer"], validate_constraints=False)
    errors = _order_errors(rules)
    if errors:
        raise ValidationError(errors)
    rules.save()
    changed = {name: getattr(rules, name) for name in EDITABLE if getattr(rules, name) != before[name]}
    audit_record(action="committee.rules_update", actor=actor, obj=rules, estate_id=estate_id, request=request,
                 **changed)  # fmt: skip
    return rules
