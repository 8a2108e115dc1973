"""Repairs in the demo estate (翠苑小区), so `make run` opens on a queue with work in it: requests at several
stages, an outage on 1号楼 and a monthly lift plan with its first order. Safe to run again: each part is made
once. Everything goes through the services, so events, deadlines and notices are the real ones."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from residents.models import CommonArea, Estate, Unit, User

from . import services
from .incidents.services import IncidentDetails, IncidentScope, incident_declare
from .maintenance.services import ChecklistLine, PlanInput, maintenance_plan_create, maintenance_plan_generate
from .models import Incident, MaintenancePlan, WorkOrder
from .services import Report

DEMO_ESTATE = "cuiyuan"


@transaction.atomic
def seed_repairs_demo() -> None:
    estate = Estate.objects.get(slug=DEMO_ESTATE)
    staff = {name: User.objects.get(username=name) for name in ("resident", "tenant", "dispatcher", "technician",
                                                                "manager")}  # fmt: skip
    home = Unit.objects.get(estate=estate, building__name="1号楼", number="0101")
    if not WorkOrder.objects.filter(estate=estate).exists():
        _requests(staff, home)
    if not Incident.objects.filter(estate=estate, ended_at__isnull=True).exists():
        scope = IncidentScope(estate=DEMO_ESTATE, building_ids=(home.building_id,), trade="plumbing")
        details = IncidentDetails(title="1号楼二次供水水泵检修，暂停供水", kind=Incident.Kind.WATER,
                                  description="维修人员正在更换水泵，请提前储水。",
                                  expected_end=timezone.now() + timedelta(hours=3))  # fmt: skip
        incident_declare(actor=staff["dispatcher"], scope=scope, details=details)
    if not MaintenancePlan.objects.filter(estate=estate).exists():
        lift = CommonArea.objects.get(estate=estate, name="1号楼电梯")
        checklist = (ChecklistLine("检查曳引机和制动器"), ChecklistLine("测试轿厢应急照明和对讲"),
                     ChecklistLine("记录平层误差（毫米）", requires_value=True))  # fmt: skip
        plan = maintenance_plan_create(actor=staff["manager"], estate_id=estate.pk, data=PlanInput(
            title="1号楼电梯月度保养", trade="lift", common_area_id=lift.pk, first_due=timezone.localdate(),
            default_assignee_id=staff["technician"].pk, checklist=checklist))  # fmt: skip
        maintenance_plan_generate(plan_id=plan.pk, today=timezone.localdate())


def _requests(staff, home):
    """A new request, one being worked on, one waiting for the resident's confirmation, one on a common area."""

    def file(actor, description, trade, priority="routine", **place):
        report = Report(trade=trade, description=description, priority=priority, **(place or {"unit_id": home.pk}))
        return services.work_order_submit(actor=staff[actor], report=report)

    file("resident", "厨房水龙头一直滴水", "plumbing")
    dispatcher, technician = staff["dispatcher"], staff["technician"]
    for description, trade, finish in (("卫生间插座没电", "electrical", False), ("卧室门关不上", "carpentry", True)):
        order = file("resident", description, trade, priority="urgent" if not finish else "routine")
        services.work_order_accept(order_id=order.pk, actor=dispatcher)
        services.work_order_assign(order_id=order.pk, technician_id=technician.pk, actor=dispatcher)
        services.work_order_start(order_id=order.pk, actor=technician)
        if finish:
            services.work_order_complete(order_id=order.pk, actor=technician, notes="调整了合页，门已能正常关闭。")
    lobby = CommonArea.objects.get(estate=home.estate, name="1号楼大堂")
    order = file("tenant", "大堂灯管闪烁", "electrical", common_area_id=lobby.pk)
    services.work_order_accept(order_id=order.pk, actor=dispatcher)
