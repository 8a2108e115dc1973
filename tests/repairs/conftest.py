import pytest

from repairs import services
from repairs.services import Report


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
