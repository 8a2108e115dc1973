"""Building responses for the score tests directly (no survey pages): a survey, its response, answers and
points, then the same signal survey_submit sends, so the rollups are kept by the live receiver."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from feedback import dimensions, signals
from feedback.models import ImportanceWeight, Instrument, Item, ItemAnswer, Response, Survey
from feedback.surveys.services import month_of
from residents.models import Trade, Unit

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(year, month, day=15, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def three_column_instrument(
    estate=None,
    keys=("tangibles", "competence", "courtesy", "access"),
    format=Instrument.Format.THREE_COLUMN,
    **options,
):
    """A small published instrument (three-column unless told): two items in each of `keys`."""
    instrument = Instrument.objects.create(
        key=f"zone-{Instrument.objects.count()}", name_zh="容忍区间", name_en="Zone", purpose="campaign",
        format=format, status=Instrument.Status.PUBLISHED, published_at=local(2025, 1), estate=estate, **options,
    )  # fmt: skip
    for position, key in enumerate((k for k in keys for _ in range(2)), start=1):
        Item.objects.create(instrument=instrument, position=position, dimension=key, text_zh=f"{key}{position}",
                            text_en=f"{key} {position}")  # fmt: skip
    return instrument


def columns_of(instrument):
    return {"servperf": ("perceived",), "two_column": ("perceived", "expected"),
            "three_column": ("perceived", "minimum", "desired")}[instrument.format]  # fmt: skip


def respond(
    *,
    instrument,
    estate,
    recipient,
    submitted_at,
    ratings,
    weights=None,
    csat=None,
    nps=None,
    building=None,
    unit=None,
    trade=None,
    technician=None,
    work_order=None,
    send=True,
):
    """One stored response. `ratings` maps item id → {column: value}; `weights` dimension → points."""
    kind = instrument.purpose
    if kind == "transactional" and work_order is None:
        from tests.repairs.factories import WorkOrderFactory

        unit = unit or Unit.objects.filter(building__estate=estate).first()
        work_order = WorkOrderFactory(
            unit=unit,
            estate=estate,
            trade=trade or Trade.objects.first(),
            assignee=technician,
            reporter=getattr(recipient, "person", None) or None,
            status="closed",
        )
    survey = Survey.objects.create(
        kind=kind, instrument=instrument, estate=estate, building=building, unit=unit, recipient=recipient,
        work_order=work_order, status=Survey.Status.ANSWERED, invited_at=submitted_at - timedelta(days=1),
        invited_month=month_of(submitted_at - timedelta(days=1)),
        expires_at=submitted_at + timedelta(days=13), answered_at=submitted_at,
    )  # fmt: skip
    response = Response.objects.create(
        survey=survey, instrument=instrument, kind=kind, estate=estate, building=building, unit=unit, trade=trade,
        technician=technician, submitted_at=submitted_at, csat=csat, nps=nps,
    )  # fmt: skip
    items = list(instrument.items.all())
    ItemAnswer.objects.bulk_create(
        ItemAnswer(response=response, item=item, dimension=item.dimension, **ratings[item.pk]) for item in items
    )
    if weights:
        ImportanceWeight.objects.bulk_create(
            ImportanceWeight(response=response, dimension=key, points=points) for key, points in weights.items()
        )
    if send:
        signals.response_submitted.send(sender=Response, response_id=response.pk)
    return response


def random_points(rng, keys):
    """Whole points over `keys` summing to 100."""
    cuts = sorted(rng.randint(0, 100) for _ in range(len(keys) - 1))
    bounds = [0, *cuts, 100]
    return {key: bounds[i + 1] - bounds[i] for i, key in enumerate(keys)}


def random_ratings(rng, instrument):
    out = {}
    for item in instrument.items.all():
        low = rng.randint(1, 7)
        row = {"perceived": rng.randint(1, 7)}
        if instrument.format == "two_column":
            row["expected"] = rng.randint(1, 7)
        if instrument.format == "three_column":
            row.update(minimum=low, desired=rng.randint(low, 7))
        out[item.pk] = row
    return out


def used_keys(instrument):
    return [k for k in dimensions.TEN_KEYS if k in set(instrument.items.values_list("dimension", flat=True))]
