"""Planned maintenance in the Django admin: administrators can look at plans, their checklists, the runs and the
orders' checklist lines; nothing can be added, changed or deleted there (the staff console's services do that)."""

from datetime import date

import pytest

from repairs import tasks
from repairs.maintenance.models import MaintenancePlan, MaintenanceRun, WorkOrderChecklistItem
from tests.repairs.maintenance.conftest import at

pytestmark = pytest.mark.django_db

MODELS = ("maintenanceplan", "maintenancerun", "workorderchecklistitem")


@pytest.fixture
def generated(make_plan, clock):
    plan = make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    return (
        plan,
        MaintenanceRun.objects.get(plan=plan),
        WorkOrderChecklistItem.objects.filter(order__maintenance_run__plan=plan).first(),
    )


@pytest.fixture
def admin_site(world, web_as):
    return web_as(world.users["admin"])


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_each_maintenance_model_without_an_add_button(admin_site, generated, model):
    page = admin_site.get(f"/django-admin/repairs/{model}/")
    assert page.status_code == 200
    assert f"/django-admin/repairs/{model}/add/" not in page.content.decode()
    assert admin_site.get(f"/django-admin/repairs/{model}/add/").status_code == 403


def test_admin_shows_a_plan_with_its_checklist_and_runs_read_only(admin_site, generated):
    plan, run, _line = generated
    page = admin_site.get(f"/django-admin/repairs/maintenanceplan/{plan.pk}/change/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "电梯月度维保" in body and "检查层门与轿门联动" in body and "2026-03-10" in body
    assert 'name="title"' not in body and "_save" not in body  # a view page: no form to submit


def test_admin_refuses_changes_and_deletes(admin_site, generated):
    plan, run, line = generated
    for model, obj in (("maintenanceplan", plan), ("maintenancerun", run), ("workorderchecklistitem", line)):
        change = admin_site.post(f"/django-admin/repairs/{model}/{obj.pk}/change/", {"title": "x", "done": "on"})
        delete = admin_site.post(f"/django-admin/repairs/{model}/{obj.pk}/delete/", {"post": "yes"})
        assert change.status_code == 403 and delete.status_code == 403
    plan.refresh_from_db()
    assert plan.title == "电梯月度维保" and MaintenancePlan.objects.count() == 1
    assert WorkOrderChecklistItem.objects.filter(done=True).count() == 0


def test_admin_is_for_administrators_only(world, web_as, generated):
    page = web_as(world.users["manager"]).get("/django-admin/repairs/maintenanceplan/")
    assert page.status_code == 302  # to the admin's sign-in page
