"""Abuse limits (SECURITY.md §5.16): repair reports, photo uploads and feedback are limited per user, on the API
and the web forms alike, in one counter in the shared cache; over the limit the answer is 429 with Retry-After
and nothing is saved. Staff filing for callers are not limited as residents. TOTP guessing (§5.13) is slowed
by django-otp's per-device back-off on both the token endpoint and the two-factor page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from core.limits import WriteLimit
from feedback.complaints.models import Complaint
from repairs.models import WorkOrder, WorkOrderPhoto
from tests.repairs.test_photos import jpeg_with_gps
from tests.security.test_authentication import current_code, enrol, signed_in_without_otp, token_request

pytestmark = pytest.mark.django_db

LIMIT = 3
NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 12:00 in Asia/Shanghai
AGAIN_AT = re.compile(r"\b\d\d:\d\d\b")


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    # DRF reads the rates into a class attribute at import, so override_settings would not reach it.
    rates = {**SimpleRateThrottle.THROTTLE_RATES}
    rates.update(dict.fromkeys(("repair_reports", "photo_uploads", "feedback"), f"{LIMIT}/hour"))
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.fixture
def order(world):
    from repairs.services import Report, work_order_submit

    report = Report(trade="plumbing", description="水管爆裂", priority="routine", unit_id=world.unit_a.pk)
    return work_order_submit(actor=world.users["owner"], report=report)


def _photo():
    return SimpleUploadedFile("leak.jpg", jpeg_with_gps((64, 48)), content_type="image/jpeg")


# One (web, api, count) triple per limited operation: each sends one request as the owner.
def repair_web(world, web, _order):
    form = {"place": f"unit:{world.unit_a.pk}", "trade": "plumbing", "priority": "routine", "description": "水龙头滴水"}
    return web.post("/repairs/new/", form)


def repair_api(world, api, _order):
    body = {"trade": "plumbing", "priority": "routine", "description": "马桶堵了", "unit_id": world.unit_a.pk}
    return api.post("/api/v1/me/repairs/", body, format="json")


def photo_web(_world, web, order):
    return web.post(f"/repairs/{order.pk}/", {"action": "photo", "photo": _photo()})


def photo_api(_world, api, order):
    return api.post(f"/api/v1/me/repairs/{order.pk}/photos/", {"photo": _photo()}, format="multipart")


SENT = iter(range(10**6))  # each item its own text: the same text twice is refused as a duplicate


def feedback(**extra):
    n = next(SENT)
    return {"kind": "suggestion", "estate": "alpha", "addressee": "company", "title": f"建议{n}",
            "body": f"车库需要充电桩（第{n}条）。", "dimensions": ["tangibles"], **extra}  # fmt: skip


def feedback_web(_world, web, _order):
    return web.post("/complaints/new/", feedback())


def feedback_api(_world, api, _order):
    return api.post("/api/v1/me/complaints/", feedback(), format="json")


OPERATIONS = {
    "repair_reports": (repair_web, repair_api, lambda: WorkOrder.objects.count() - 1),  # minus the fixture order
    "photo_uploads": (photo_web, photo_api, lambda: WorkOrderPhoto.objects.count()),
    "feedback": (feedback_web, feedback_api, lambda: Complaint.objects.count()),
}


@pytest.fixture
def owner_clients(world, web_as, api_as):
    return web_as(world.users["owner"]), api_as(world.users["owner"])


def assert_limited_api(response):
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["code"] == "throttled"
    assert AGAIN_AT.search(body["detail"])  # "try again after 13:05", in the resident's language


def assert_limited_web(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert AGAIN_AT.search(response.content.decode())


@pytest.mark.parametrize("scope", OPERATIONS)
def test_api_allows_the_limit_then_answers_429_with_retry_after_and_saves_nothing(world, owner_clients, order, scope):
    _web_op, api_op, count = OPERATIONS[scope]
    _web, api = owner_clients
    assert [api_op(world, api, order).status_code for _ in range(LIMIT)] == [201] * LIMIT
    assert_limited_api(api_op(world, api, order))
    assert count() == LIMIT


@pytest.mark.parametrize("scope", OPERATIONS)
def test_web_form_allows_the_limit_then_shows_a_429_page_with_retry_after_and_saves_nothing(
    world, owner_clients, order, scope
):
    web_op, _api_op, count = OPERATIONS[scope]
    web, _api = owner_clients
    assert [web_op(world, web, order).status_code for _ in range(LIMIT)] == [302] * LIMIT
    assert_limited_web(web_op(world, web, order))
    assert count() == LIMIT


@pytest.mark.parametrize("scope", OPERATIONS)
def test_web_and_api_share_one_counter(world, owner_clients, order, scope):
    web_op, api_op, count = OPERATIONS[scope]
    web, api = owner_clients
    assert web_op(world, web, order).status_code == 302
    assert api_op(world, api, order).status_code == 201
    assert web_op(world, web, order).status_code == 302
    assert_limited_api(api_op(world, api, order))
    assert_limited_web(web_op(world, web, order))
    assert count() == LIMIT


def test_the_limit_is_per_user(world, owner_clients, api_as, order):
    _web, api = owner_clients
    for _ in range(LIMIT):
        repair_api(world, api, order)
    assert_limited_api(repair_api(world, api, order))
    neighbour = api_as(world.users["tenant"])
    assert repair_api(world, neighbour, order).status_code == 201


def test_the_allowance_comes_back_after_the_retry_after_wait(world, owner_clients, order):
    _web, api = owner_clients
    with time_machine.travel(NOON, tick=False) as clock:
        for _ in range(LIMIT):
            repair_api(world, api, order)
        limited = repair_api(world, api, order)
        assert_limited_api(limited)
        assert "13:00" in limited.json()["detail"]  # an hour after noon, in Asia/Shanghai
        clock.shift(timedelta(seconds=int(limited["Retry-After"]) + 1))
        assert repair_api(world, api, order).status_code == 201


def test_reading_lists_and_looking_for_self_help_are_not_counted(world, owner_clients, order):
    web, api = owner_clients
    for _ in range(LIMIT + 2):
        assert api.get("/api/v1/me/repairs/").status_code == 200
        assert api.get("/api/v1/me/complaints/").status_code == 200
        looking = {"intent": "suggest", "trade": "plumbing", "description": "漏水"}
        assert web.post("/repairs/new/", looking).status_code == 200
    assert [repair_api(world, api, order).status_code for _ in range(LIMIT)] == [201] * LIMIT


def test_staff_filing_for_callers_are_not_limited_as_residents(world, api_as, order):
    dispatcher = api_as(world.users["dispatcher"])
    body = {"trade": "plumbing", "priority": "routine", "description": "业主来电：漏水", "unit_id": world.unit_a.pk}
    answers = [dispatcher.post("/api/v1/staff/work-orders/", body, format="json").status_code for _ in range(LIMIT + 2)]
    assert answers == [201] * (LIMIT + 2)
    uploads = [
        dispatcher.post(
            f"/api/v1/staff/work-orders/{order.pk}/photos/", {"photo": _photo(), "kind": "report"}, format="multipart"
        )  # fmt: skip
        for _ in range(LIMIT + 1)
    ]
    assert [r.status_code for r in uploads] == [201] * (LIMIT + 1)


def test_limits_are_counted_in_the_default_cache(world, owner_clients, order):
    _web, api = owner_clients
    repair_api(world, api, order)
    key = WriteLimit.cache_format % {"scope": "repair_reports", "ident": world.users["owner"].pk}
    assert len(cache.get(key)) == 1


@pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(),
    reason="needs CACHE_URL=redis://… (the PostgreSQL+Redis CI pass); the SQLite pass uses a per-process locmem cache",
)
def test_limits_are_counted_in_redis_where_every_process_sees_them(world, owner_clients, order):
    import redis

    _web, api = owner_clients
    for _ in range(LIMIT):
        repair_api(world, api, order)
    key = cache.make_key(WriteLimit.cache_format % {"scope": "repair_reports", "ident": world.users["owner"].pk})
    other_process = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])  # a connection of its own
    assert other_process.exists(key)
    assert_limited_api(repair_api(world, api, order))


# --- TOTP guessing (SECURITY.md §5.13; Linli sends no SMS codes) ----------------------------------------------


def test_totp_guessing_on_the_token_endpoint_backs_off_even_the_right_code(world, api_as):
    client, user = api_as(None), world.users["dispatcher"]
    device = enrol(user)
    with time_machine.travel(NOON, tick=False) as clock:
        wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
        assert token_request(client, user, otp=wrong).status_code in (401, 403)
        assert token_request(client, user, otp=current_code(device)).status_code in (401, 403)  # inside the back-off
        clock.shift(timedelta(seconds=2))
        assert token_request(client, user, otp=current_code(device)).status_code == 200


def test_totp_guessing_on_the_two_factor_page_backs_off_even_the_right_code(world):
    user = world.users["manager"]
    device = enrol(user)
    client = signed_in_without_otp(Client(), user)
    with time_machine.travel(NOON, tick=False) as clock:
        wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
        assert client.post("/accounts/two-factor/", {"token": wrong}).status_code == 200
        clock.shift(timedelta(seconds=2))  # past the 1 s back-off of one failure
        assert client.post("/accounts/two-factor/", {"token": wrong}).status_code == 200
        clock.shift(timedelta(seconds=1))  # the back-off doubles with each failure: 2 s after the second
        assert client.post("/accounts/two-factor/", {"token": current_code(device)}).status_code == 200
        clock.shift(timedelta(seconds=2))
        assert client.post("/accounts/two-factor/", {"token": current_code(device)}).status_code == 302
