"""Open311 keys, the open311_key command, address codes and the intake service behind POST requests."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from core.errors import NotPermitted
from core.models import AuditEvent, OutboxMessage
from repairs import services
from repairs.models import Channel, Open311Client, WorkOrder
from repairs.open311 import intake
from repairs.open311.intake import Open311Report, open311_request_submit, resident_with_contact
from repairs.open311.keys import open311_client_create, open311_client_for_key
from repairs.open311.places import place_for_address
from repairs.services import Report
from residents.models import CommonArea
from residents.selectors import places_with_code
from tests.repairs.open311_helpers import BASE
from tests.residents.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


# --- the open311_key command ---------------------------------------------------------------------------------------


def test_command_prints_a_working_key_and_stores_only_its_digest(world, client):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_open311_key", "微信小程序", estate="alpha", stdout=out, stderr=err)
    printed = out.getvalue().strip()
    assert printed.startswith("o311_") and len(printed) > 40
    assert "微信小程序" in err.getvalue()
    stored = Open311Client.objects.get()
    assert stored.key_digest == hashlib.sha256(printed.encode()).hexdigest()
    assert printed not in str(list(Open311Client.objects.values()))
    assert stored.estate == world.estate_a and stored.is_active
    assert client.get(f"{BASE}/requests.json", {"api_key": printed}).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_command_refuses_an_unknown_estate_clearly(world):
    with pytest.raises(CommandError, match="nowhere"):
        call_command("create_open311_key", "x", estate="nowhere", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Open311Client.objects.exists()


def test_command_refuses_a_name_already_used_in_the_estate(world):
    call_command("create_open311_key", "app", estate="alpha", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="app"):
        call_command("create_open311_key", "app", estate="alpha", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("create_open311_key", "app", estate="beta", stdout=io.StringIO(), stderr=io.StringIO())
    assert Open311Client.objects.count() == 2


def test_keys_differ_and_an_inactive_key_finds_no_client(world):
    first, key_one = open311_client_create(name="one", estate_slug="alpha")
    _, key_two = open311_client_create(name="two", estate_slug="alpha")
    assert key_one != key_two
    assert open311_client_for_key(key_one) == first
    Open311Client.objects.filter(pk=first.pk).update(is_active=False)
    assert open311_client_for_key(key_one) is None
    assert open311_client_for_key("") is None
    assert AuditEvent.objects.filter(action="open311.client_created").count() == 2


def test_admin_lists_clients_without_their_keys(world, web_as):
    client_row, secret = open311_client_create(name="one", estate_slug="alpha")
    page = web_as(world.users["admin"]).get(f"/django-admin/repairs/open311client/{client_row.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "one" in body and secret not in body and client_row.key_digest not in body


# --- address codes -----------------------------------------------------------------------------------------


def test_codes_are_shown_on_the_staff_registry_page(world, web_as, lift_a):
    garden = CommonArea.objects.create(estate=world.estate_a, kind="garden", name="中心花园")
    page = web_as(world.users["dispatcher"]).get("/staff/estates/alpha/").content.decode()
    for code in ("1号楼-0101", "1号楼-0102", lift_a.address_code, garden.address_code):
        assert f"<code>{code}</code>" in page
    assert lift_a.address_code == "1号楼-电梯" and garden.address_code == "中心花园"


def test_codes_with_hyphens_in_building_and_unit_names_are_found(world):
    unit = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="A-2"), number="3-1201")
    assert places_with_code(estate_id=world.estate_a.pk, code="A-2-3-1201") == [unit]
    assert places_with_code(estate_id=world.estate_b.pk, code="A-2-3-1201") == []


def test_a_code_two_places_share_is_refused_as_ambiguous(world):
    UnitFactory(building=BuildingFactory(estate=world.estate_a, name="A"), number="1-101")
    UnitFactory(building=BuildingFactory(estate=world.estate_a, name="A-1"), number="101")
    with translation.override("en"), pytest.raises(ValidationError, match="more than one"):
        place_for_address(estate=world.estate_a, address_id="A-1-101")


@pytest.mark.parametrize("typed", ["1号楼-0101", "1号楼 0101", "甲小区1号楼－0101", "alpha 1号楼/0101"])
def test_address_string_reads_common_ways_of_writing_a_unit(world, typed):
    assert place_for_address(estate=world.estate_a, address_string=typed) == (world.unit_a, None)


def test_address_id_wins_over_address_string(world, lift_a):
    assert place_for_address(estate=world.estate_a, address_id="1号楼-电梯", address_string="1号楼-0101") == (
        None, lift_a,
    )  # fmt: skip


# --- who reported it -------------------------------------------------------------------------------------------


def test_contact_matches_only_a_current_resident_of_that_unit(world):
    tenant, newcomer = world.users["tenant"], world.users["newcomer"]  # newcomer only claims unit A2
    match = resident_with_contact
    assert match(phone=tenant.phone, email="", estate_id=world.estate_a.pk, unit=world.unit_a) == tenant.person
    assert match(phone="", email=tenant.email, estate_id=world.estate_a.pk, unit=world.unit_a2) is None
    assert match(phone=newcomer.phone, email="", estate_id=world.estate_a.pk, unit=world.unit_a2) is None
    assert match(phone=tenant.phone, email="", estate_id=world.estate_a.pk, unit=None) == tenant.person
    assert match(phone=tenant.phone, email="", estate_id=world.estate_b.pk, unit=None) is None


def test_an_unverified_owner_is_not_linked(world):
    from tests.residents.factories import OwnershipFactory

    unverified = OwnershipFactory(unit=world.unit_a2, verified_at=None).person.user
    assert resident_with_contact(phone=unverified.phone, email="", estate_id=world.estate_a.pk,
                                 unit=world.unit_a2) is None  # fmt: skip


def test_chinese_names_are_family_name_first(world, open311_key):
    client_row = Open311Client.objects.get()
    order = open311_request_submit(
        client=client_row,
        report=Open311Report(
            service_code="plumbing", description="漏水", address_id="1号楼-0102", first_name="三", last_name="张"
        ),
    )
    assert order.contact_name == "张三"


# --- the guards in work_order_submit -------------------------------------------------------------------------


def test_the_open311_channel_needs_a_client(world):
    report = Report(trade="plumbing", description="漏水", unit_id=world.unit_b.pk, channel=Channel.OPEN311)
    with pytest.raises(NotPermitted):
        services.work_order_submit(actor=world.users["manager_b"], report=report)
    staff_choice = Report(trade="plumbing", description="漏水", unit_id=world.unit_b.pk, channel=Channel.OPEN311,
                          reporter_id=world.users["other_household"].person.pk)  # fmt: skip
    with pytest.raises(NotPermitted):
        services.work_order_submit(actor=world.users["manager_b"], report=staff_choice)
    assert not WorkOrder.objects.exists()


def test_a_client_files_only_in_its_own_estate(world, open311_key):
    client_row = Open311Client.objects.get()  # estate A
    report = Report(trade="plumbing", description="漏水", unit_id=world.unit_b.pk, channel=Channel.OPEN311)
    with pytest.raises(ValidationError):
        services.work_order_submit(actor=None, report=report, client=client_row)
    with pytest.raises(NotPermitted):
        services.work_order_submit(
            actor=None,
            client=client_row,
            report=Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk, channel=Channel.PHONE),
        )
    assert not WorkOrder.objects.exists()


def test_a_client_cannot_name_a_reporter_who_does_not_live_there(world, open311_key):
    client_row = Open311Client.objects.get()
    report = Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk, channel=Channel.OPEN311,
                    reporter_id=world.users["other_household"].person.pk)  # fmt: skip
    with pytest.raises(ValidationError):
        services.work_order_submit(actor=None, report=report, client=client_row)


def test_filing_is_all_or_nothing(world, open311_key, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(intake, "audit_record", broken)
    owner = world.users["owner"]
    with pytest.raises(RuntimeError):
        open311_request_submit(
            client=Open311Client.objects.get(),
            report=Open311Report(
                service_code="plumbing", description="漏水", address_id="1号楼-0101", phone=owner.phone
            ),
        )
    assert not WorkOrder.objects.exists() and not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(action="work_order.submit").exists()


def test_service_errors_carry_the_clients_field_names(world, open311_key):
    with pytest.raises(ValidationError) as caught:
        open311_request_submit(
            client=Open311Client.objects.get(),
            report=Open311Report(service_code="plumbing", description="漏水", address_id="1号楼-0101", priority="soon"),
        )
    assert set(caught.value.message_dict) == {"linli_priority"}


def test_staff_see_the_client_and_the_contact_given_with_the_phone_masked(world, open311_key, web_as):
    order = open311_request_submit(
        client=Open311Client.objects.get(),
        report=Open311Report(
            service_code="plumbing", description="漏水", address_id="1号楼-0102", phone="13700001234", first_name="Ada"
        ),
    )
    page = web_as(world.users["dispatcher"]).get(f"/staff/work-orders/{order.pk}/").content.decode()
    assert "小程序" in page and "Ada" in page and "137****1234" in page
    assert "13700001234" not in page
