import factory

from repairs.models import WorkOrder
from residents.models import Trade
from tests.residents.factories import PersonFactory, UnitFactory


class WorkOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrder

    unit = factory.SubFactory(UnitFactory)
    estate = factory.LazyAttribute(lambda o: o.unit.estate)
    reporter = factory.SubFactory(PersonFactory)
    trade = factory.LazyFunction(lambda: Trade.objects.get(key="plumbing"))
    description = "厨房水槽漏水"
