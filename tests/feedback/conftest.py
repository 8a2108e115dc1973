import pytest

from feedback.instruments.selectors import instrument_for
from feedback.models import Survey
from feedback.surveys.services import Invitation, survey_invite


@pytest.fixture
def residential(world):
    """The shipped estate-wide instrument (two-column, points, CSAT and NPS), as the migration installed it."""
    return instrument_for(estate_id=world.estate_a.pk, purpose="campaign")


@pytest.fixture
def campaign_survey(world, residential):
    """An estate-wide survey of alpha sent to the owner of unit A."""
    return survey_invite(
        Invitation(kind=Survey.Kind.CAMPAIGN, instrument=residential, recipient=world.users["owner"],
                   estate_id=world.estate_a.pk, building_id=world.unit_a.building_id, unit_id=world.unit_a.pk)
    )  # fmt: skip


@pytest.fixture
def repair_survey(world):
    """The short survey after a repair, sent to the owner of unit A about their order."""
    from tests.repairs.factories import WorkOrderFactory

    order = WorkOrderFactory(unit=world.unit_a, reporter=world.users["owner"].person, status="confirmed")
    instrument = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    return survey_invite(
        Invitation(kind=Survey.Kind.TRANSACTIONAL, instrument=instrument, recipient=world.users["owner"],
                   estate_id=world.estate_a.pk, building_id=world.unit_a.building_id, unit_id=world.unit_a.pk,
                   work_order_id=order.pk)
    )  # fmt: skip
