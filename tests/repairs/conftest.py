import pytest

from repairs import services
from repairs.open311.keys import open311_client_create
from repairs.services import Report
from residents.models import CommonArea


@pytest.fixture
def order(world):
    """An emergency leak reported by the owner of unit A (estate alpha)."""
    return services.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="plumbing", description="水管爆裂", priority="emergency", unit_id=world.unit_a.pk),
    )


@pytest.fixture
def order_b(world):
    """A request of the household in estate beta."""
    return services.work_order_submit(
        actor=world.users["other_household"],
        report=Report(trade="electrical", description="跳闸", unit_id=world.unit_b.pk),
    )


@pytest.fixture
def open311_key(world):
    """The API key of an Open311 client of estate alpha, named 小程序."""
    return open311_client_create(name="小程序", estate_slug="alpha")[1]


@pytest.fixture
def lift_a(world):
    """A lift in building 1号楼 of estate alpha: address code "1号楼-电梯"."""
    return CommonArea.objects.create(estate=world.estate_a, building=world.unit_a.building, kind="lift", name="电梯")
