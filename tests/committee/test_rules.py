import pytest
from django.db import IntegrityError

from committee.models import CommitteeRules
from committee.selectors import rules_for


def test_rules_for_an_estate_without_a_row_are_the_national_defaults(world):
    rules = rules_for(estate_id=world.estate_a.pk)
    assert rules.pk is None
    assert (rules.notice_days, rules.voting_days_min, rules.voting_days_max) == (15, 5, 60)
    assert (rules.members_min, rules.members_max, rules.members_odd) == (5, 11, True)


def test_rules_for_an_estate_with_a_row_are_its_own(world):
    CommitteeRules.objects.create(estate=world.estate_a, notice_days=7)
    assert rules_for(estate_id=world.estate_a.pk).notice_days == 7
    assert rules_for(estate_id=world.estate_b.pk).notice_days == 15


def test_rules_refuse_a_voting_window_whose_shortest_exceeds_its_longest(world):
    with pytest.raises(IntegrityError):
        CommitteeRules.objects.create(estate=world.estate_a, voting_days_min=30, voting_days_max=10)
