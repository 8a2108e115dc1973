"""The maintenance API: plans for managers, the checklist tick for the assignee, the order's checklist."""

from datetime import date

import pytest

from repairs import services as orders
from repairs import tasks
from repairs.models import MaintenancePlan, WorkOrder, WorkOrderChecklistItem
from tests.repairs.maintenance.conftest import at

pytestmark = pytest.mark.django_db
PLANS = "/api/v1/staff/maintenance-plans/"


def _body(lift, **overrides):
    body = {
        "estate": "alpha", "title": "生活水箱清洗消毒", "trade": "plumbing", "common_area_id": lift.pk,
        "interval": 6, "unit": "months", "first_due": "2026-06-30", "lead_days": 14,
        "checklist": [{"text": "排空并清洗水箱"}, {"text": "余氯检测 (mg/L)", "requires_value": True}],
    }  # fmt: skip
    return {**body, **overrides}


def test_manager_creates_reads_replaces_and_deactivates_a_plan(world, api_as, lift, clock):
    client = api_as(world.users["manager"])
    created = client.post(PLANS, _body(lift), format="json")
    assert created.status_code == 201, created.json()
    plan = created.json()
    assert (plan["estate"], plan["next_due"], plan["last_order_id"]) == ("alpha", "2026-06-30", None)
    assert [line["requires_value"] for line in plan["checklist"]] == [False, True]
    url = f"{PLANS}{plan['id']}/"
    assert client.get(url).json()["title"] == "生活水箱清洗消毒"
    replaced = client.put(url, {**_body(lift), "title": "水箱半年清洗", "checklist": []}, format="json")
    assert replaced.status_code == 200 and replaced.json()["checklist"] == []
    assert client.post(f"{url}deactivate/").json()["active"] is False
    assert client.delete(url).status_code == 405  # plans are deactivated, never deleted
    assert MaintenancePlan.objects.filter(pk=plan["id"], active=False).exists()


def test_bad_input_answers_400_naming_the_field(world, api_as, lift, lift_b, clock):
    client = api_as(world.users["manager"])
    response = client.post(PLANS, _body(lift, common_area_id=lift_b.pk), format="json")
    assert response.status_code == 400 and "common_area" in response.json()["errors"]
    response = client.post(PLANS, _body(lift, estate="beta"), format="json")
    assert response.status_code == 400 and "estate" in response.json()["errors"]
    assert not MaintenancePlan.objects.exists()


def test_plans_of_another_estate_are_404_and_absent_from_the_list(world, api_as, make_plan):
    plan = make_plan()
    client = api_as(world.users["manager_b"])
    assert client.get(f"{PLANS}{plan.pk}/").status_code == 404
    assert client.get(PLANS).json()["results"] == []
    assert api_as(world.users["dispatcher"]).get(PLANS).status_code == 403


@pytest.mark.parametrize("plans", [1, 30])
def test_plan_list_runs_a_fixed_number_of_queries(world, api_as, make_plan, clock, plans,
                                                  django_assert_max_num_queries):  # fmt: skip
    for n in range(plans):
        make_plan(title=f"计划{n}")
    clock.move_to(at(date(2026, 3, 8)))
    tasks.generate_maintenance_orders()
    with django_assert_max_num_queries(4):  # grants, count, page with its last orders, checklists
        results = api_as(world.users["manager"]).get(PLANS).json()["results"]
    assert len(results) == plans and all(row["last_due"] == "2026-03-10" for row in results)


@pytest.fixture
def started_job(make_plan, clock, lift_technician):
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 10), 5, 30))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    return orders.work_order_start(order_id=order.pk, actor=lift_technician)


def test_the_assignee_ticks_lines_and_completes_through_the_api(world, api_as, started_job, lift_technician):
    client = api_as(lift_technician)
    base = f"/api/v1/staff/work-orders/{started_job.pk}/"
    detail = client.get(base).json()
    assert [line["done"] for line in detail["checklist"]] == [False, False]
    first, second = (line["id"] for line in detail["checklist"])
    refused = client.post(f"{base}complete/", {"note": "完毕"}, format="json")
    assert refused.status_code == 409 and "检查层门与轿门联动" in refused.json()["detail"]
    missing = client.post(f"{base}checklist/{second}/", {"done": True}, format="json")
    assert missing.status_code == 400 and "value" in missing.json()["errors"]
    assert client.post(f"{base}checklist/{first}/", {}, format="json").json()["done"] is True
    ticked = client.post(f"{base}checklist/{second}/", {"value": "40", "note": "正常"}, format="json").json()
    assert (ticked["done"], ticked["value"], ticked["done_by"]) == (True, "40", lift_technician.username)
    assert client.post(f"{base}complete/", {"note": "完毕"}, format="json").json()["status"] == "completed"
    assert client.post(f"{base}checklist/{first}/", {"done": False}, format="json").status_code == 409


def test_a_line_of_another_order_is_404(world, api_as, started_job, lift_technician, order):
    stranger = WorkOrderChecklistItem.objects.create(order=order, position=1, text="别的单")
    response = api_as(lift_technician).post(f"/api/v1/staff/work-orders/{started_job.pk}/checklist/{stranger.pk}/")
    assert response.status_code == 404


def test_staff_cannot_take_a_report_as_planned_maintenance(world, api_as):
    body = {"trade": "plumbing", "description": "漏水", "unit_id": world.unit_a.pk, "channel": "planned"}
    response = api_as(world.users["dispatcher"]).post("/api/v1/staff/work-orders/", body, format="json")
    assert response.status_code == 400 and "channel" in response.json()["errors"]


def test_planned_orders_can_be_listed_by_channel(world, api_as, started_job, order):
    results = api_as(world.users["dispatcher"]).get("/api/v1/staff/work-orders/?channel=planned").json()["results"]
    assert [row["id"] for row in results] == [started_job.pk]
