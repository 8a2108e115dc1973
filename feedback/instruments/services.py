"""Writing instruments: drafts are edited, publishing freezes them, and a change to a published one is a new
version. Shared instruments (no estate) belong to administrators; an estate's own to its managers."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from feedback import dimensions
from feedback.models import Instrument, Item
from residents.access import can, is_admin

MIN_ITEMS_PER_DIMENSION = 2  # Cronbach's α needs k ≥ 2 (DOMAIN.md 1.7)
MAX_ITEMS = 60


@dataclass(frozen=True)
class ItemText:
    dimension: str
    text_zh: str
    text_en: str


def may_edit(actor, instrument: Instrument) -> bool:
    if instrument.estate_id is None:
        return is_admin(actor)
    return can(actor, "feedback.manage", instrument.estate_id)


def _locked_draft(instrument_id: int, actor) -> Instrument:
    instrument = Instrument.objects.select_for_update().get(pk=instrument_id)
    if not may_edit(actor, instrument):
        raise NotPermitted(_("You may not edit this instrument."))
    if instrument.status != Instrument.Status.DRAFT:
        raise InvalidTransition(_("A published instrument never changes; make a new version to edit it."))
    return instrument


def _check_items(items: list[ItemText]) -> None:
    errors = {}
    if len(items) > MAX_ITEMS:
        errors["items"] = [_("An instrument holds at most %(n)d statements.") % {"n": MAX_ITEMS}]
    for i, item in enumerate(items, start=1):
        if item.dimension not in dimensions.BY_KEY:
            errors[f"items.{i}.dimension"] = [_("Unknown dimension “%(key)s”.") % {"key": item.dimension}]
        for field in ("text_zh", "text_en"):
            text = getattr(item, field).strip()
            if not text or len(text) > 200:
                errors[f"items.{i}.{field}"] = [_("Write the statement in 1 to 200 characters.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def instrument_items_replace(*, instrument_id: int, actor, items: list[ItemText]) -> Instrument:
    """Replace a draft's statements, in the given order. Raises ValidationError naming the bad statement."""
    instrument = _locked_draft(instrument_id, actor)
    _check_items(items)
    instrument.items.all().delete()
    Item.objects.bulk_create(
        Item(instrument=instrument, position=i, dimension=it.dimension, text_zh=it.text_zh.strip(),
             text_en=it.text_en.strip())
        for i, it in enumerate(items, start=1)
    )  # fmt: skip
    instrument.save(update_fields=["updated_at"])
    return instrument


def publish_problems(instrument: Instrument) -> list[str]:
    """Why a draft cannot be published yet, in the active language (empty when it can)."""
    counts = Counter(instrument.items.values_list("dimension", flat=True))
    problems = []
    if not counts:
        problems.append(_("Add at least one dimension's statements."))
    required = dimensions.TEN_KEYS if instrument.purpose == Instrument.Purpose.CAMPAIGN else tuple(counts)
    for key in required:
        if counts.get(key, 0) < MIN_ITEMS_PER_DIMENSION:
            problems.append(
                _("%(dimension)s needs at least %(n)d statements (it has %(count)d).")
                % {"dimension": dimensions.BY_KEY[key].name(), "n": MIN_ITEMS_PER_DIMENSION,
                   "count": counts.get(key, 0)}
            )  # fmt: skip
    return problems


@transaction.atomic
def instrument_publish(*, instrument_id: int, actor) -> Instrument:
    """Freeze a draft and make it the version new surveys use; earlier versions of its key retire.
    An estate-wide (campaign) instrument must cover all ten dimensions; every dimension it uses needs ≥ 2 items."""
    instrument = _locked_draft(instrument_id, actor)
    problems = publish_problems(instrument)
    if problems:
        raise ValidationError({"items": problems})
    now = timezone.now()
    Instrument.objects.filter(key=instrument.key, status=Instrument.Status.PUBLISHED).update(
        status=Instrument.Status.RETIRED
    )
    instrument.status, instrument.published_at = Instrument.Status.PUBLISHED, now
    instrument.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(action="instrument.publish", actor=actor, obj=instrument, estate_id=instrument.estate_id,
                 key=instrument.key, version=instrument.version)  # fmt: skip
    return instrument


@transaction.atomic
def instrument_new_version(*, instrument_id: int, actor) -> Instrument:
    """A draft copy of an instrument with the next version number, to edit; an open draft of the key is reused."""
    source = Instrument.objects.select_for_update().get(pk=instrument_id)
    if not may_edit(actor, source):
        raise NotPermitted(_("You may not edit this instrument."))
    existing = Instrument.objects.filter(key=source.key, status=Instrument.Status.DRAFT).first()
    if existing is not None:
        return existing
    latest = Instrument.objects.filter(key=source.key).aggregate(v=Max("version"))["v"]
    items = list(source.items.all())
    source.pk, source.id, source._state.adding = None, None, True
    source.version, source.status, source.published_at = latest + 1, Instrument.Status.DRAFT, None
    source.save()
    Item.objects.bulk_create(
        Item(instrument=source, position=it.position, dimension=it.dimension, text_zh=it.text_zh, text_en=it.text_en)
        for it in items
    )
    return source


@dataclass(frozen=True)
class InstrumentSpec:
    key: str
    name_zh: str
    name_en: str
    purpose: str
    format: str
    asks_weights: bool = False
    asks_csat: bool = False
    asks_nps: bool = False


@transaction.atomic
def instrument_draft_create(*, actor, estate_id: int | None, spec: InstrumentSpec) -> Instrument:
    """Start a new instrument (version 1, draft) for an estate, or a shared one (administrators only)."""
    allowed = is_admin(actor) if estate_id is None else can(actor, "feedback.manage", estate_id)
    if not allowed:
        raise NotPermitted(_("You may not create instruments here."))
    instrument = Instrument(estate_id=estate_id, version=1, **spec.__dict__)
    try:
        instrument.full_clean(exclude=["estate"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    instrument.save()
    return instrument
