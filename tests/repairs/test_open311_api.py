"""The Open311 GeoReport v2 endpoint (/open311/v2/): services, filing, following; JSON and XML; the spec's
error format; the key's estate and the privacy filter; filters, limits and throttling."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from core.models import AuditEvent, OutboxMessage
from repairs import services
from repairs.models import Channel, Open311Client, WorkOrder
from repairs.open311.keys import open311_client_create
from repairs.services import Report
from residents.models import CommonArea
from tests.repairs.open311_helpers import BASE, filing, rows, xml
from tests.residents.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


def post(client, fmt, open311_key, **fields):
    """A form-encoded POST, as Open311 clients send it."""
    return client.post(f"{BASE}/requests.{fmt}", {"api_key": open311_key, **filing(**fields)})


def listing(client, fmt, open311_key, **params):
    return client.get(f"{BASE}/requests.{fmt}", {"api_key": open311_key, **params})


# --- services ------------------------------------------------------------------------------------------------


def test_services_json_lists_the_trades_with_the_spec_fields(client):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    plumbing = next(s for s in response.json() if s["service_code"] == "plumbing")
    assert plumbing == {
        "service_code": "plumbing", "service_name": "水暖", "description": plumbing["description"],
        "metadata": False, "type": "realtime", "keywords": "plumbing, 水暖, Plumbing", "group": "报修",
    }  # fmt: skip


def test_services_name_follows_the_language_asked_for(client):
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en")
    assert {s["service_code"]: s["service_name"] for s in response.json()}["plumbing"] == "Plumbing"


def test_services_xml_has_the_spec_root_and_items(client):
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert {item.tag for item in root} == {"service"}
    plumbing = next(row for row in rows(root) if row["service_code"] == "plumbing")
    assert plumbing["metadata"] == "false" and plumbing["type"] == "realtime"


def test_service_definition_of_a_known_code_has_no_attributes(client):
    assert client.get(f"{BASE}/services/plumbing.json").json() == {"service_code": "plumbing", "attributes": []}
    root = xml(client.get(f"{BASE}/services/plumbing.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "plumbing"
    assert list(root.find("attributes")) == []


def test_service_definition_of_an_unknown_code_is_a_404_in_the_spec_error_format(client):
    response = client.get(f"{BASE}/services/nonesuch.json")
    assert response.status_code == 404
    [error] = response.json()
    assert error["code"] == 404 and "nonesuch" in error["description"]
    root = xml(client.get(f"{BASE}/services/nonesuch.xml"))
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "404"


# --- filing --------------------------------------------------------------------------------------------------


def test_post_json_files_an_order_linked_to_the_resident_whose_phone_was_given(client, world, open311_key):
    owner = world.users["owner"]
    response = post(client, "json", open311_key, phone=owner.phone.removeprefix("+86"), first_name="三", last_name="张")
    assert response.status_code == 201
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    assert created["account_id"] is None
    order = WorkOrder.objects.get(pk=int(created["service_request_id"]))
    assert order.channel == Channel.OPEN311 and order.open311_client.name == "小程序"
    assert order.reporter == owner.person and order.unit == world.unit_a
    assert (order.contact_name, order.contact_phone, order.contact_email) == ("", "", "")
    assert order.created_by is None


def test_post_goes_through_the_normal_workflow(client, world, open311_key):
    owner = world.users["owner"]
    response = post(client, "json", open311_key, email=owner.email.upper(), linli_priority="emergency")
    order = WorkOrder.objects.get(pk=int(response.json()[0]["service_request_id"]))
    assert order.reporter == owner.person  # matched by email, case-insensitively
    assert order.priority == "emergency" and order.status == "submitted"
    assert order.response_due and order.arrival_due and order.resolution_due  # the SLA clock started
    assert order.arrival_due - order.created_at <= timedelta(minutes=31)  # emergency: 30 minutes
    assert list(order.events.values_list("action", "to_status")) == [("submit", "submitted")]
    assert AuditEvent.objects.filter(action="work_order.submit", object_id=str(order.pk)).exists()
    assert AuditEvent.objects.filter(action="open311.request_filed", object_id=str(order.pk)).exists()
    assert OutboxMessage.objects.filter(recipient=owner, event_key=f"wo.{order.pk}.submitted").exists()
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    assert OutboxMessage.objects.filter(recipient=owner, event_key__startswith=f"wo.{order.pk}.event.").exists()
    assert response.json()[0]["service_notice"]  # the resolution promise


def test_post_xml_from_a_stranger_records_the_contact_given(client, world, open311_key):
    response = post(client, "xml", open311_key, phone="13700001234", email="visitor@example.com", first_name="Ada",
                    last_name="Lovelace")  # fmt: skip
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    [created] = rows(root)
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    order = WorkOrder.objects.get(pk=int(created["service_request_id"]))
    assert order.reporter is None
    assert (order.contact_name, order.contact_phone, order.contact_email) == (
        "Ada Lovelace", "+8613700001234", "visitor@example.com",
    )  # fmt: skip
    assert not OutboxMessage.objects.exists()  # nobody registered to tell


def test_post_does_not_link_a_resident_of_another_home(client, world, open311_key):
    stranger = world.users["other_household"]  # owns a unit of estate B only
    response = post(client, "json", open311_key, phone=stranger.phone)
    order = WorkOrder.objects.get(pk=int(response.json()[0]["service_request_id"]))
    assert order.reporter is None and order.contact_phone == stranger.phone


def test_post_for_a_common_area_by_address_string(client, world, open311_key, lift_a):
    response = post(client, "json", open311_key, address_id="", address_string="甲小区 1号楼 电梯",
                    phone=world.users["tenant"].phone)  # fmt: skip
    assert response.status_code == 201
    order = WorkOrder.objects.get(pk=int(response.json()[0]["service_request_id"]))
    assert order.common_area == lift_a and order.unit is None
    assert order.reporter == world.users["tenant"].person  # a resident of the estate


def test_post_ignores_device_and_account_ids_and_unknown_fields(client, world, open311_key):
    response = post(client, "json", open311_key, device_id="abc", account_id="42", **{"attribute[x]": "1"}, lat="31.2")
    assert response.status_code == 201
    assert response.json()[0]["account_id"] is None


def test_post_accepts_a_json_body_and_the_key_in_the_query_string(client, world, open311_key):
    response = client.post(f"{BASE}/requests.json?api_key={open311_key}", filing(), content_type="application/json")
    assert response.status_code == 201


# --- errors: nothing stored -------------------------------------------------------------------------------


def _nothing_stored():
    return not WorkOrder.objects.exists() and not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"service_code": "nonesuch"}, "service_code"),
        ({"address_id": "9号楼-9999"}, "address_id"),
        ({"address_id": "", "address_string": "月球基地"}, "address_string"),
        ({"address_id": "", "lat": "31.2", "long": "121.5"}, "address_id"),
        ({"description": ""}, "description"),
        ({"description": "漏" * 2001}, "description"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a" * 250 + "@x.cn"}, "email"),  # longer than the column: a 400, not a 500 on PostgreSQL
        ({"linli_priority": "whenever"}, "linli_priority"),
        ({"jurisdiction_id": "beta"}, "jurisdiction_id"),
    ],
)
def test_post_bad_input_is_a_400_naming_the_field_and_stores_nothing(client, world, open311_key, fields, named):
    response = post(client, "json", open311_key, **fields)
    assert response.status_code == 400
    assert any(error["code"] == 400 and error["description"].startswith(named) for error in response.json())
    assert _nothing_stored()


def test_post_for_another_estates_unit_is_a_400(client, world, open311_key):
    UnitFactory(building=BuildingFactory(estate=world.estate_b, name="2号楼"), number="0909")
    response = post(client, "xml", open311_key, address_id="2号楼-0909")
    assert response.status_code == 400
    [error] = rows(xml(response))
    assert error["code"] == "400" and "2号楼-0909" in error["description"]
    assert _nothing_stored()


def test_post_errors_are_translated(client, world, open311_key):
    response = client.post(f"{BASE}/requests.json", {"api_key": open311_key, **filing(service_code="x")},
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.json()[0]["description"] == "service_code: No service has the code “x”."


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("given", [None, "o311_wrong", "inactive"])
def test_post_without_a_valid_key_is_a_403_and_stores_nothing(client, world, open311_key, fmt, given):
    if given == "inactive":
        client_row, given = open311_client_create(name="旧", estate_slug="alpha")
        Open311Client.objects.filter(pk=client_row.pk).update(is_active=False)
    body = filing() if given is None else {"api_key": given, **filing()}
    response = client.post(f"{BASE}/requests.{fmt}", body)
    assert response.status_code == 403
    errors = response.json() if fmt == "json" else rows(xml(response))
    assert [str(error["code"]) for error in errors] == ["403"]
    assert _nothing_stored()
    assert AuditEvent.objects.filter(action="access.denied", detail__status=403).exists()


@pytest.mark.parametrize("path", ["requests.json", "requests.xml", "requests/1.json", "requests/1.xml"])
def test_reading_requests_needs_a_key(client, world, path):
    response = client.get(f"{BASE}/{path}")
    assert response.status_code == 403


# --- following: the privacy filter -------------------------------------------------------------------------


@pytest.fixture
def orders(client, world, open311_key, lift_a):
    """Orders of estate A and B; only `mine` and `lift` are the open311_key's to see."""
    owner = world.users["owner"]
    mine = WorkOrder.objects.get(
        pk=int(post(client, "json", open311_key, phone=owner.phone).json()[0]["service_request_id"])
    )
    web = services.work_order_submit(actor=owner, report=Report(trade="plumbing", description=f"请回电 {owner.phone}",
                                                                unit_id=world.unit_a.pk))  # fmt: skip
    lift = services.work_order_submit(
        actor=owner,
        report=Report(
            trade="lift", description=f"电梯困人，联系 {owner.phone.removeprefix('+86')}", common_area_id=lift_a.pk
        ),
    )
    other_key = open311_client_create(name="另一个", estate_slug="alpha")[1]
    theirs = int(post(client, "json", other_key).json()[0]["service_request_id"])
    area_b = CommonArea.objects.create(estate=world.estate_b, kind="garden", name="花园")
    in_b = services.work_order_submit(
        actor=world.users["other_household"],
        report=Report(trade="greenery", description="树倒了", common_area_id=area_b.pk),
    )
    return {"mine": mine.pk, "web": web.pk, "lift": lift.pk, "theirs": theirs, "in_b": in_b.pk}  # fmt: skip


def test_list_holds_only_the_keys_own_orders_and_common_areas(client, world, open311_key, orders):
    response = listing(client, "json", open311_key)
    assert response.status_code == 200
    assert [int(r["service_request_id"]) for r in response.json()] == [orders["lift"], orders["mine"]]


def test_list_never_shows_reporters_or_phone_numbers(client, world, open311_key, orders):
    body = listing(client, "json", open311_key).content.decode()
    owner = world.users["owner"]
    assert owner.person.full_name not in body
    assert owner.phone.removeprefix("+86") not in body
    lift = next(
        r for r in listing(client, "json", open311_key).json() if int(r["service_request_id"]) == orders["lift"]
    )
    assert "****" in lift["description"]  # the number typed into the description is masked


def test_list_xml_has_the_spec_fields_and_extensions(client, world, open311_key, orders):
    root = xml(listing(client, "xml", open311_key))
    assert root.tag == "service_requests" and {item.tag for item in root} == {"request"}
    lift = next(row for row in rows(root) if row["service_request_id"] == str(orders["lift"]))
    assert lift["status"] == "open" and lift["service_code"] == "lift" and lift["address_id"] == "1号楼-电梯"
    assert lift["lat"] == lift["long"] == lift["media_url"] == lift["zipcode"] == ""
    assert lift["linli_status"] == "submitted" and lift["linli_priority"] == "routine"
    assert lift["expected_datetime"] == lift["linli_resolution_due"]
    assert lift["requested_datetime"].endswith("+08:00")


def test_show_answers_a_list_of_one_in_both_formats(client, world, open311_key, orders):
    pk = orders["mine"]
    [row] = client.get(f"{BASE}/requests/{pk}.json", {"api_key": open311_key}).json()
    order = WorkOrder.objects.get(pk=pk)
    assert row["service_request_id"] == str(pk) and row["address_id"] == "1号楼-0101"
    assert row["linli_response_due"] == timezone.localtime(order.response_due).isoformat(timespec="seconds")
    assert row["agency_responsible"].startswith("甲小区")
    [xml_row] = rows(xml(client.get(f"{BASE}/requests/{pk}.xml", {"api_key": open311_key})))
    assert xml_row["description"] == row["description"] == "厨房水管漏水"


@pytest.mark.parametrize("which", ["web", "theirs", "in_b"])
def test_show_of_an_order_the_key_may_not_see_is_a_404(client, world, open311_key, orders, which):
    response = client.get(f"{BASE}/requests/{orders[which]}.json", {"api_key": open311_key})
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_show_reports_completed_work_as_closed_with_the_rating(client, world, open311_key, orders):
    pk, dispatcher, technician = orders["mine"], world.users["dispatcher"], world.users["technician"]
    services.work_order_accept(order_id=pk, actor=dispatcher)
    services.work_order_assign(order_id=pk, technician_id=technician.pk, actor=dispatcher)
    services.work_order_start(order_id=pk, actor=technician)
    services.work_order_complete(order_id=pk, actor=technician, notes="换了阀门")
    services.work_order_confirm(order_id=pk, actor=world.users["owner"], rating=4)
    [row] = client.get(f"{BASE}/requests/{pk}.json", {"api_key": open311_key}).json()
    assert (row["status"], row["linli_status"], row["linli_rating"]) == ("closed", "confirmed", 4)
    assert row["service_notice"] == ""  # nothing left to promise


def test_rejection_reason_is_the_status_note(client, world, open311_key, orders):
    services.work_order_reject(order_id=orders["mine"], actor=world.users["dispatcher"], reason="不属于物业维修范围")
    [row] = client.get(f"{BASE}/requests/{orders['mine']}.json", {"api_key": open311_key}).json()
    assert row["status"] == "closed" and row["status_notes"].endswith("不属于物业维修范围")


def test_xml_escapes_what_residents_type(client, world, open311_key):
    text = '<script>alert("x")</script> & ]]> 漏水'
    pk = post(client, "json", open311_key, description=text).json()[0]["service_request_id"]
    [row] = rows(xml(client.get(f"{BASE}/requests/{pk}.xml", {"api_key": open311_key})))
    assert row["description"] == text


def test_xml_drops_characters_xml_cannot_carry(client, world, open311_key):
    pk = post(client, "json", open311_key).json()[0]["service_request_id"]
    WorkOrder.objects.filter(pk=pk).update(description="漏水\x01\x0b\x1f了")  # (PostgreSQL refuses NUL itself)
    [row] = rows(xml(client.get(f"{BASE}/requests/{pk}.xml", {"api_key": open311_key})))
    assert row["description"] == "漏水了"


# --- filters -----------------------------------------------------------------------------------------------


def _ids(response):
    assert response.status_code == 200, response.content
    return sorted(int(r["service_request_id"]) for r in response.json())


def test_filter_by_ids_overrides_the_other_filters(client, world, open311_key, orders):
    ids = f"{orders['mine']},{orders['lift']},{orders['web']}"
    assert _ids(listing(client, "json", open311_key, service_request_id=ids, status="closed")) == sorted(
        [orders["mine"], orders["lift"]]
    )


def test_filter_by_service_code_and_status(client, world, open311_key, orders):
    assert _ids(listing(client, "json", open311_key, service_code="lift,fire")) == [orders["lift"]]
    services.work_order_reject(order_id=orders["mine"], actor=world.users["dispatcher"], reason="重复")
    assert _ids(listing(client, "json", open311_key, status="closed")) == [orders["mine"]]
    assert _ids(listing(client, "json", open311_key, status="open")) == [orders["lift"]]
    assert _ids(listing(client, "json", open311_key, status="open,closed")) == sorted([orders["mine"], orders["lift"]])


def test_filter_by_dates_and_the_default_90_days(client, world, open311_key, orders):
    now = timezone.now()
    WorkOrder.objects.filter(pk=orders["lift"]).update(created_at=now - timedelta(days=100))
    assert _ids(listing(client, "json", open311_key)) == [orders["mine"]]
    start = (now - timedelta(days=101)).isoformat()
    end = (now - timedelta(days=99)).isoformat()
    assert _ids(listing(client, "json", open311_key, start_date=start, end_date=end)) == [orders["lift"]]
    assert _ids(listing(client, "json", open311_key, start_date=start)) == [orders["lift"]]  # 90 days from the start
    assert _ids(listing(client, "json", open311_key, end_date=end)) == [orders["lift"]]  # 90 days up to the end


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-05-01T00:00:00+08:00"},  # over 90 days
        {"start_date": "2026-02-01T00:00:00+08:00", "end_date": "2026-01-01T00:00:00+08:00"},  # backwards
        {"start_date": "yesterday"},
        {"status": "pending"},
        {"service_request_id": "1,two"},
        {"jurisdiction_id": "beta"},
    ],
)
def test_bad_filters_are_a_400_in_the_spec_format(client, world, open311_key, params):
    response = listing(client, "xml", open311_key, **params)
    assert response.status_code == 400
    assert {error["code"] for error in rows(xml(response))} == {"400"}


def test_list_runs_a_fixed_number_of_queries(client, world, open311_key, lift_a, django_assert_max_num_queries):
    owner = world.users["owner"]

    def count():
        listing(client, "json", open311_key)  # warm: last_used_at written
        with CaptureQueriesContext(connection) as queries:
            assert listing(client, "json", open311_key).status_code == 200
        return len(queries)

    post(client, "json", open311_key)
    one = count()
    for _ in range(19):
        services.work_order_submit(actor=owner, report=Report(trade="lift", description="电梯异响",
                                                              common_area_id=lift_a.pk))  # fmt: skip
        post(client, "json", open311_key, address_id="1号楼-电梯")
    services.work_order_reject(order_id=WorkOrder.objects.first().pk, actor=world.users["dispatcher"], reason="重复")
    assert len(listing(client, "json", open311_key).json()) == 39
    many = count()
    assert many == one <= 3, (one, many)
    with django_assert_max_num_queries(3):
        listing(client, "xml", open311_key)


def test_list_stops_at_1000(client, world, open311_key, lift_a, monkeypatch):
    from repairs.open311 import selectors

    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    for _ in range(3):
        post(client, "json", open311_key)
    assert len(listing(client, "json", open311_key).json()) == 2


# --- throttling -----------------------------------------------------------------------------------------------


def test_throttle_counts_per_key_and_answers_429_in_the_spec_format(client, world, open311_key, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "open311": "2/min"})
    assert [listing(client, "json", open311_key).status_code for _ in range(2)] == [200, 200]
    response = listing(client, "json", open311_key)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response.json()[0]["code"] == 429
    other = open311_client_create(name="另一个", estate_slug="alpha")[1]
    assert listing(client, "json", other).status_code == 200


@pytest.mark.parametrize("ids", ["²", "1,²", "١٢"])  # digits to str.isdigit(), not to int()
def test_ids_that_only_look_like_numbers_are_a_400(client, world, open311_key, ids):
    assert listing(client, "json", open311_key, service_request_id=ids).status_code == 400


@pytest.mark.parametrize("phone", ["", "13800138000"])  # an unknown caller, and (maybe) a registered resident
def test_an_open311_report_during_an_outage_joins_it_whoever_the_caller_is(client, world, open311_key, phone):
    """The answer must not tell an Open311 client whether a phone belongs to a resident of that unit."""
    from repairs.incidents.services import IncidentDetails, IncidentScope, incident_declare

    scope = IncidentScope(estate="alpha", building_ids=(world.unit_a.building_id,), trade="plumbing")
    incident_declare(actor=world.users["dispatcher"], scope=scope, details=IncidentDetails(title="1号楼停水"))
    response = post(client, "json", open311_key, phone=phone)
    assert response.status_code == 201
    assert WorkOrder.objects.get().status == "joined"


def from_address(client, open311_key, address):
    return client.get(f"{BASE}/requests.json", {"api_key": open311_key}, REMOTE_ADDR=address)


def test_bad_keys_are_throttled_per_address_before_the_key_is_checked(client, world, open311_key, monkeypatch):
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "open311": "100/min", "open311_address": "3/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    guesses = [from_address(client, f"o311_guess{n}", "203.0.113.5").status_code for n in range(3)]
    assert guesses == [403, 403, 403]
    flooded = from_address(client, "o311_guess3", "203.0.113.5")
    assert flooded.status_code == 429 and int(flooded["Retry-After"]) > 0
    assert flooded.json()[0]["code"] == 429
    assert from_address(client, open311_key, "203.0.113.5").status_code == 429  # even a good key
    assert from_address(client, open311_key, "198.51.100.7").status_code == 200
    assert from_address(client, "o311_guess4", "198.51.100.7").status_code == 403


def test_a_throttled_address_is_refused_without_looking_up_the_key(client, world, monkeypatch):
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "open311_address": "1/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    listing(client, "json", "o311_guess")
    with CaptureQueriesContext(connection) as queries:
        assert listing(client, "json", "o311_guess").status_code == 429
    assert not [q for q in queries if "open311client" in q["sql"].lower()]
