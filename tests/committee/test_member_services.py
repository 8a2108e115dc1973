"""The committee and its seats (committee.members.services): terms, seats, the chair, roles granted and revoked."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from committee.members.models import Member
from committee.members.selectors import committee_overview
from committee.members.services import (
    SeatInput,
    TermInput,
    committee_create,
    committee_end,
    committee_update,
    member_add,
    member_end,
)
from core.errors import Conflict, InvalidTransition
from core.models import AuditEvent
from residents import access
from residents.models import EstateRole, User
from tests.committee.helpers import owner_in, seated_committee, term


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _seat(committee, person, building, number, role="member"):
    return SeatInput(building=building.name, unit=number, full_name=person.full_name, role=role)


def test_member_add_grants_the_committee_role_in_that_estate_and_audits_it(world):
    admin = world.users["admin"]
    committee = committee_create(actor=admin, estate_id=world.estate_b.pk, data=term())
    person, building = owner_in(world.estate_b, "0301")
    seat = member_add(actor=admin, committee_id=committee.pk, data=_seat(committee, person, building, "0301"))
    user = User.objects.get(pk=person.user_id)
    assert access.can(user, "committee.manage", world.estate_b.pk)
    assert not access.can(user, "committee.manage", world.estate_a.pk)
    assert (seat.start, seat.end) == (committee.term_start, committee.term_end)
    actions = set(AuditEvent.objects.filter(estate_id=world.estate_b.pk).values_list("action", flat=True))
    assert {"committee.create", "committee.member_add", "role.grant"} <= actions


def test_member_end_revokes_the_role_and_audits_it(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"])
    member_end(actor=world.users["admin"], member_id=seats[2].pk)
    user = User.objects.get(pk=seats[2].person.user_id)
    assert not access.can(user, "committee.view")
    assert Member.objects.get(pk=seats[2].pk).ended_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="role.revoke", estate_id=world.estate_b.pk).count() == 1


def test_member_end_twice_is_an_invalid_transition(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"])
    member_end(actor=world.users["admin"], member_id=seats[0].pk)
    with pytest.raises(InvalidTransition):
        member_end(actor=world.users["admin"], member_id=seats[0].pk)


def test_member_add_refuses_a_second_chair_naming_the_role(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"])
    person, building = owner_in(world.estate_b, "0302")
    with pytest.raises(ValidationError) as exc:
        member_add(actor=world.users["admin"], committee_id=committee.pk,
                   data=_seat(committee, person, building, "0302", role="chair"))  # fmt: skip
    assert "already has a chair" in exc.value.message_dict["role"][0]
    assert not EstateRole.objects.filter(user=person.user).exists()


def test_the_database_refuses_a_second_open_chair(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(committee=committee, person=seats[1].person, role="chair", start=committee.term_start,
                              end=committee.term_end)  # fmt: skip


def test_member_add_refuses_someone_who_does_not_live_in_the_unit_named(world):
    committee = committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=term())
    _person, building = owner_in(world.estate_b, "0303")
    stranger = world.users["owner"].person  # estate A's owner
    with pytest.raises(ValidationError) as exc:
        member_add(actor=world.users["admin"], committee_id=committee.pk,
                   data=_seat(committee, stranger, building, "0303"))  # fmt: skip
    assert "full_name" in exc.value.message_dict


def test_member_add_refuses_a_seat_outside_the_committees_term(world):
    committee = committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=term())
    person, building = owner_in(world.estate_b, "0304")
    data = SeatInput(building=building.name, unit="0304", full_name=person.full_name, role="member",
                     start=committee.term_start - timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        member_add(actor=world.users["admin"], committee_id=committee.pk, data=data)
    assert "end" in exc.value.message_dict


def test_committee_create_refuses_a_second_current_committee(world):
    committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=term())
    with pytest.raises(Conflict):
        committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=term())


def test_committee_create_refuses_a_term_ending_before_it_starts(world):
    today = timezone.localdate()
    data = TermInput(elected_on=today, term_start=today, term_end=today - timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=data)
    assert "term_end" in exc.value.message_dict


def test_committee_end_ends_every_seat_and_revokes_every_role(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"], voting=3, alternates=1)
    committee_end(actor=world.users["admin"], committee_id=committee.pk)
    assert not Member.objects.filter(committee=committee, ended_on__isnull=True).exists()
    users = [seat.person.user_id for seat in seats]
    assert not EstateRole.objects.filter(user_id__in=users, role="committee").exists()
    with pytest.raises(InvalidTransition):
        committee_update(actor=world.users["admin"], committee_id=committee.pk, data=term())


def test_role_granted_before_the_seat_is_kept_when_another_seat_stays_open(world):
    """A member re-elected to the next committee keeps the role when their old seat ends."""
    committee, seats = seated_committee(world.estate_b, world.users["admin"], voting=1)
    committee.ended_on = timezone.localdate()  # the old committee ended without ending its seats
    committee.save()
    new = committee_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=term())
    person = seats[0].person
    unit = person.ownerships.get().unit
    member_add(actor=world.users["admin"], committee_id=new.pk,
               data=SeatInput(unit.building.name, unit.number, person.full_name, "chair"))  # fmt: skip
    member_end(actor=world.users["admin"], member_id=seats[0].pk)
    assert EstateRole.objects.filter(user_id=person.user_id, estate=world.estate_b, role="committee").exists()


def test_overview_warns_about_an_even_committee_without_counting_alternates(world):
    committee, _seats = seated_committee(world.estate_b, world.users["admin"], voting=4, alternates=1)
    overview = committee_overview(estate_id=world.estate_b.pk)
    assert overview.voting == 4
    assert [w for w in overview.warnings if "at least 5" in w] and [w for w in overview.warnings if "odd" in w]


def test_overview_has_no_warning_for_five_members_filed_in_time(world):
    seated_committee(world.estate_b, world.users["admin"], voting=5, alternates=2)
    assert committee_overview(estate_id=world.estate_b.pk).warnings == []
