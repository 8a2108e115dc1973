"""An Open311 caller's contact phone: masked on the staff order page and in the staff API; shown in full only
through the audited reveal (people.reveal_phone: dispatchers and managers of the order's estate)."""

import pytest

from core.models import AuditEvent
from repairs.models import Open311Client
from repairs.open311.intake import Open311Report, open311_request_submit
from repairs.services import Report, work_order_submit

pytestmark = pytest.mark.django_db

FULL, NATIONAL, MASKED = "+8613700001234", "13700001234", "137****1234"


@pytest.fixture
def open311_order(world, open311_key):
    return open311_request_submit(
        client=Open311Client.objects.get(),
        report=Open311Report(service_code="plumbing", description="漏水", address_id="1号楼-0102", phone=NATIONAL,
                             first_name="Ada"),
    )  # fmt: skip


def reveals():
    return AuditEvent.objects.filter(action="workorder.phone_revealed")


def shows_full_number(text: str) -> bool:
    return NATIONAL in text


@pytest.mark.parametrize("role", ["dispatcher", "manager"])
def test_staff_api_masks_the_contact_phone_in_detail_and_list(world, api_as, open311_order, role):
    client = api_as(world.users[role])
    detail = client.get(f"/api/v1/staff/work-orders/{open311_order.pk}/")
    listing = client.get("/api/v1/staff/work-orders/")
    assert detail.json()["contact_phone"] == MASKED and detail.json()["contact_name"] == "Ada"
    assert [row["contact_phone"] for row in listing.json()["results"]] == [MASKED]
    assert not shows_full_number(detail.content.decode() + listing.content.decode())
    assert not reveals().exists()


def test_api_reveal_answers_the_full_number_and_writes_an_audit_row(world, api_as, open311_order):
    dispatcher = world.users["dispatcher"]
    response = api_as(dispatcher).post(f"/api/v1/staff/work-orders/{open311_order.pk}/reveal-contact-phone/")
    assert response.status_code == 200 and response.json() == {"phone": FULL}
    event = reveals().get()
    assert (event.actor, event.object_type, event.object_id) == (dispatcher, "repairs.workorder", str(open311_order.pk))
    assert event.estate_id == open311_order.estate_id
    assert not shows_full_number(str(event.detail))


def test_api_reveal_is_refused_without_the_capability_and_nothing_is_audited(world, api_as, open311_order):
    technician = world.users["technician"]  # a technician of the estate: repairs staff, but not people.reveal_phone
    open311_order.assignee = technician
    open311_order.save(update_fields=["assignee"])
    client = api_as(technician)
    assert client.get(f"/api/v1/staff/work-orders/{open311_order.pk}/").json()["contact_phone"] == MASKED
    response = client.post(f"/api/v1/staff/work-orders/{open311_order.pk}/reveal-contact-phone/")
    assert response.status_code == 403 and not shows_full_number(response.content.decode())
    assert not reveals().exists()


def test_api_reveal_is_404_for_staff_of_another_estate(world, api_as, open311_order):
    response = api_as(world.users["manager_b"]).post(
        f"/api/v1/staff/work-orders/{open311_order.pk}/reveal-contact-phone/"
    )
    assert response.status_code == 404 and not reveals().exists()


def test_api_reveal_of_an_order_without_a_contact_phone_is_a_400(world, api_as):
    order = work_order_submit(actor=world.users["owner"],
                              report=Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk))  # fmt: skip
    response = api_as(world.users["dispatcher"]).post(f"/api/v1/staff/work-orders/{order.pk}/reveal-contact-phone/")
    assert response.status_code == 400 and not reveals().exists()


def test_staff_page_masks_the_phone_and_offers_the_reveal_to_dispatchers(world, web_as, open311_order):
    page = web_as(world.users["dispatcher"]).get(f"/staff/work-orders/{open311_order.pk}/").content.decode()
    assert MASKED in page and not shows_full_number(page)
    assert f"/staff/work-orders/{open311_order.pk}/contact-phone/" in page
    assert not reveals().exists()


def test_staff_page_reveal_shows_the_number_once_and_audits_it(world, web_as, open311_order):
    client = web_as(world.users["manager"])
    response = client.post(f"/staff/work-orders/{open311_order.pk}/contact-phone/")
    assert response.status_code == 200 and FULL in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert reveals().get().actor == world.users["manager"]
    assert not shows_full_number(client.get(f"/staff/work-orders/{open311_order.pk}/").content.decode())


def test_staff_page_without_the_capability_never_shows_the_number(world, web_as, open311_order):
    technician = world.users["technician"]
    open311_order.assignee = technician
    open311_order.save(update_fields=["assignee"])
    client = web_as(technician)
    page = client.get(f"/staff/work-orders/{open311_order.pk}/").content.decode()
    assert MASKED in page and not shows_full_number(page)
    assert "/contact-phone/" not in page
    response = client.post(f"/staff/work-orders/{open311_order.pk}/contact-phone/")
    assert response.status_code == 403 and not shows_full_number(response.content.decode())
    assert not reveals().exists()


def test_staff_page_reveal_is_404_for_staff_of_another_estate(world, web_as, open311_order):
    response = web_as(world.users["manager_b"]).post(f"/staff/work-orders/{open311_order.pk}/contact-phone/")
    assert response.status_code == 404 and not reveals().exists()


def test_resident_reveal_is_still_audited_as_a_person(world, api_as):
    person = world.users["owner"].person
    assert api_as(world.users["manager"]).post(f"/api/v1/staff/people/{person.pk}/reveal-phone/").status_code == 200
    assert AuditEvent.objects.filter(action="person.phone_revealed", object_id=str(person.pk)).count() == 1
