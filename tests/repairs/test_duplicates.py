from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from repairs import selectors, services
from repairs.models import WorkOrder
from repairs.services import Report
from residents.models import CommonArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def lift_reports(world):
    lift = CommonArea.objects.create(estate=world.estate_a, kind="lift", name="1号楼电梯")
    first = services.work_order_submit(
        actor=world.users["owner"], report=Report(trade="lift", description="电梯停在3楼", common_area_id=lift.pk)
    )
    second = services.work_order_submit(
        actor=world.users["tenant"], report=Report(trade="lift", description="电梯不动了", common_area_id=lift.pk)
    )
    return first, second


def test_same_area_and_trade_within_the_window_are_suggested(world, lift_reports):
    first, second = lift_reports
    assert list(selectors.duplicate_candidates(order=second)) == [first]


def test_reports_outside_the_window_or_of_another_trade_are_not_suggested(world, lift_reports):
    first, second = lift_reports
    WorkOrder.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=30))
    assert list(selectors.duplicate_candidates(order=WorkOrder.objects.get(pk=second.pk))) == []
    WorkOrder.objects.filter(pk=first.pk).update(created_at=timezone.now())
    services.work_order_accept(order_id=first.pk, actor=world.users["dispatcher"])
    other_trade = services.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="electrical", description="灯不亮", common_area_id=first.common_area_id),
    )
    assert first not in selectors.duplicate_candidates(order=other_trade)


def test_merged_reporter_follows_the_master(world, api_as, lift_reports):
    first, second = lift_reports
    services.work_order_merge(order_id=second.pk, master_id=first.pk, actor=world.users["dispatcher"])
    services.work_order_accept(order_id=first.pk, actor=world.users["dispatcher"])
    told = set(
        OutboxMessage.objects.filter(event_key__startswith=f"wo.{first.pk}.event.").values_list("recipient", flat=True)
    )
    assert {world.users["owner"].pk, world.users["tenant"].pk} <= told
    tenant = api_as(world.users["tenant"])
    assert tenant.get(f"/api/v1/me/repairs/{first.pk}/").json()["status"] == "accepted"
    assert api_as(world.users["other_household"]).get(f"/api/v1/me/repairs/{first.pk}/").status_code == 404


def test_duplicates_endpoint_lists_candidates_for_staff(world, api_as, lift_reports):
    first, second = lift_reports
    body = api_as(world.users["dispatcher"]).get(f"/api/v1/staff/work-orders/{second.pk}/duplicates/").json()
    assert [o["id"] for o in body["results"]] == [first.pk]
