"""The managers' plan pages and the checklist on the staff order page (the technician's phone view)."""

from datetime import date

import pytest

from repairs import services as orders
from repairs import tasks
from repairs.models import MaintenancePlan, WorkOrder, WorkOrderChecklistItem
from tests.repairs.maintenance.conftest import at

pytestmark = pytest.mark.django_db


def _form(world, lift, **overrides):
    data = {
        "estate": world.estate_a.pk, "title": "消防设施季度检查", "common_area": lift.pk, "trade": "fire",
        "priority": "routine", "interval": "3", "unit": "months", "first_due": "2026-04-15", "lead_days": "7",
        "default_assignee": "", "description": "", "active": "on",
        "checklist-TOTAL_FORMS": "3", "checklist-INITIAL_FORMS": "0",
        "checklist-0-text": "检查灭火器压力", "checklist-0-requires_value": "on",
        "checklist-1-text": "", "checklist-2-text": "测试烟感报警",
    }  # fmt: skip
    return {**data, **overrides}


def test_manager_creates_a_plan_with_its_checklist(world, web_as, lift, clock):
    response = web_as(world.users["manager"]).post("/staff/maintenance-plans/new/", _form(world, lift))
    assert response.status_code == 302 and response["Location"] == "/staff/maintenance-plans/"
    plan = MaintenancePlan.objects.get()
    assert (plan.title, plan.interval, plan.unit, plan.next_due) == ("消防设施季度检查", 3, "months", date(2026, 4, 15))
    assert list(plan.checklist.values_list("text", "requires_value")) == [("检查灭火器压力", True),
                                                                          ("测试烟感报警", False)]  # fmt: skip


def test_service_errors_show_next_to_their_field_and_nothing_is_saved(world, web_as, lift, clock):
    client = web_as(world.users["manager"])
    response = client.post("/staff/maintenance-plans/new/", _form(world, lift, lead_days="90"))  # quarterly: ≤ 83
    assert response.status_code == 200 and list(response.context["form"].errors) == ["lead_days"]
    assert "83" in response.context["form"].errors["lead_days"][0]
    assert not MaintenancePlan.objects.exists()


def test_another_estates_common_area_is_not_offered(world, web_as, lift, lift_b, clock):
    client = web_as(world.users["manager"])
    assert "B座电梯" not in client.get("/staff/maintenance-plans/new/").content.decode()
    response = client.post("/staff/maintenance-plans/new/", _form(world, lift, common_area=lift_b.pk))
    assert "common_area" in response.context["form"].errors and not MaintenancePlan.objects.exists()


def test_manager_edits_and_deactivates_a_plan(world, web_as, lift, make_plan):
    plan = make_plan()
    client = web_as(world.users["manager"])
    page = client.get(f"/staff/maintenance-plans/{plan.pk}/").content.decode()
    assert "记录曳引机温度" in page and 'name="estate"' not in page
    form = _form(world, lift, title="电梯月检(新)", **{"checklist-TOTAL_FORMS": "2", "checklist-INITIAL_FORMS": "2",
                                                        "checklist-0-text": "只剩这一项", "checklist-1-DELETE": "on",
                                                        "checklist-1-text": "删掉"})  # fmt: skip
    assert client.post(f"/staff/maintenance-plans/{plan.pk}/", form).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "电梯月检(新)" and list(plan.checklist.values_list("text", flat=True)) == ["只剩这一项"]
    assert client.post(f"/staff/maintenance-plans/{plan.pk}/deactivate/").status_code == 302
    assert not MaintenancePlan.objects.get(pk=plan.pk).active


def test_plan_list_shows_next_due_and_the_last_generated_order(world, web_as, make_plan, clock):
    make_plan()
    clock.move_to(at(date(2026, 3, 8)))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    page = web_as(world.users["manager"]).get("/staff/maintenance-plans/").content.decode()
    assert "2026-04-10" in page and f'href="/staff/work-orders/{order.pk}/"' in page


def test_the_queue_links_to_plans_for_managers_only(world, web_as):
    link = 'href="/staff/maintenance-plans/"'
    assert link in web_as(world.users["manager"]).get("/staff/work-orders/").content.decode()
    assert link not in web_as(world.users["dispatcher"]).get("/staff/work-orders/").content.decode()


@pytest.mark.parametrize("plans", [1, 30])
def test_plan_list_runs_a_fixed_number_of_queries(world, web_as, make_plan, clock, plans,
                                                  django_assert_max_num_queries):  # fmt: skip
    for n in range(plans):
        make_plan(title=f"计划{n}")
    clock.move_to(at(date(2026, 3, 8)))
    tasks.generate_maintenance_orders()
    client = web_as(world.users["manager"])
    with django_assert_max_num_queries(11):  # the same for 1 and 30: session, user, 2FA, grants, count, page…
        response = client.get("/staff/maintenance-plans/")
    assert response.content.decode().count('href="/staff/maintenance-plans/') == plans + 1  # + "new plan"


@pytest.fixture
def started_job(make_plan, clock, lift_technician):
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 10), 5, 30))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    return orders.work_order_start(order_id=order.pk, actor=lift_technician)


def test_technician_ticks_the_checklist_on_the_order_page_and_then_completes(world, web_as, started_job,
                                                                             lift_technician):  # fmt: skip
    client = web_as(lift_technician)
    url = f"/staff/work-orders/{started_job.pk}/"
    page = client.get(url).content.decode()
    assert 'value="checklist"' in page and "记录曳引机温度" in page
    first, second = WorkOrderChecklistItem.objects.filter(order=started_job).order_by("position")
    client.post(url, {"action": "checklist", "item": first.pk, f"item{first.pk}-item": first.pk,
                      f"item{first.pk}-done": "on"})  # fmt: skip
    client.post(url, {"action": "checklist", "item": second.pk, f"item{second.pk}-item": second.pk,
                      f"item{second.pk}-done": "on", f"item{second.pk}-value": "39"})  # fmt: skip
    assert list(WorkOrderChecklistItem.objects.filter(order=started_job).values_list("done", "value")) == [
        (True, ""), (True, "39")]  # fmt: skip
    jobs = client.get("/staff/my-jobs/").content.decode()
    assert "2/2" in jobs
    client.post(url, {"action": "complete", "complete-expected_version": started_job.version, "complete-note": "完毕"})
    assert WorkOrder.objects.get(pk=started_job.pk).status == "completed"


def test_completing_with_lines_undone_shows_which_and_changes_nothing(world, web_as, started_job, lift_technician):
    client = web_as(lift_technician)
    url = f"/staff/work-orders/{started_job.pk}/"
    response = client.post(url, {"action": "complete", "complete-note": "完毕"}, follow=True)
    assert "检查层门与轿门联动" in response.content.decode()
    assert WorkOrder.objects.get(pk=started_job.pk).status == "in_progress"


def test_a_missing_reading_is_shown_and_the_line_stays_undone(world, web_as, started_job, lift_technician):
    second = WorkOrderChecklistItem.objects.filter(order=started_job).order_by("position").last()
    response = web_as(lift_technician).post(
        f"/staff/work-orders/{started_job.pk}/",
        {"action": "checklist", "item": second.pk, f"item{second.pk}-item": second.pk, f"item{second.pk}-done": "on"},
        follow=True,
    )
    assert "记录曳引机温度" in response.content.decode() and not WorkOrderChecklistItem.objects.get(pk=second.pk).done


def test_the_checklist_is_read_only_before_work_starts(world, web_as, make_plan, clock, lift_technician):
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 10), 5, 30))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    page = web_as(lift_technician).get(f"/staff/work-orders/{order.pk}/").content.decode()
    assert "记录曳引机温度" in page and 'value="checklist"' not in page


def test_residents_cannot_post_a_checklist_tick(world, web_as, order):
    response = web_as(world.users["owner"]).post(f"/repairs/{order.pk}/", {"action": "checklist", "item": 1})
    assert response.status_code == 403
