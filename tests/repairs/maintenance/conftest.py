"""Fixtures for planned maintenance: a lift in estate A, a lift technician, a clock, and a plan maker."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from repairs.maintenance import services
from repairs.maintenance.services import ChecklistLine, PlanInput
from residents.models import CommonArea, StaffProfile, Trade

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour=9, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def clock():
    """Time stands at 2026-03-01 09:00 in Shanghai until the test moves it (clock.move_to)."""
    with time_machine.travel(at(date(2026, 3, 1)), tick=False) as traveller:
        yield traveller


@pytest.fixture
def lift(world):
    return CommonArea.objects.create(
        estate=world.estate_a, building=world.unit_a.building, kind=CommonArea.Kind.LIFT, name="1号梯"
    )


@pytest.fixture
def lift_b(world):
    return CommonArea.objects.create(estate=world.estate_b, kind=CommonArea.Kind.LIFT, name="B座电梯")


@pytest.fixture
def lift_technician(world):
    """Estate A's technician, who works on lifts."""
    technician = world.users["technician"]
    StaffProfile.objects.get_or_create(user=technician)[0].trades.add(Trade.objects.get(key="lift"))
    return technician


CHECKLIST = (ChecklistLine("检查层门与轿门联动"), ChecklistLine("记录曳引机温度 (°C)", requires_value=True))


def plan_input(lift, **overrides) -> PlanInput:
    fields = {"title": "电梯月度维保", "trade": "lift", "common_area_id": lift.pk, "first_due": date(2026, 3, 10),
              "interval": 1, "unit": "months", "lead_days": 3, "checklist": CHECKLIST, **overrides}  # fmt: skip
    return PlanInput(**fields)


@pytest.fixture
def make_plan(world, lift, clock):
    """make_plan(**overrides) → a plan of estate A created by its manager (monthly lift check due on the 10th)."""

    def make(**overrides):
        return services.maintenance_plan_create(
            actor=world.users["manager"], estate_id=world.estate_a.pk, data=plan_input(lift, **overrides)
        )

    return make
