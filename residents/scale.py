"""Synthetic estates at scale behind `manage.py seed_scale`: many units and owners, the same for one seed.

Each estate is planned in memory as plain data (no queries), then written with multi-row INSERTs one chunk
of units at a time, so the number of queries grows with the number of chunks, never with the number of rows.
Generated rows are marked by the `scale-` prefix: estate slugs and owners' usernames.
"""

import random
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict

from .models import Building, CommonArea, Estate, Occupancy, Ownership, Person, Unit, UnitClaim, User

SCALE_PREFIX = "scale-"
# +86 139 9xxx xxxx: a block the factories (+86139 0…) and the demo accounts (+86138…) never reach.
PHONE_PREFIX = "+861399"
MAX_OWNERS = 10_000_000  # seven digits after PHONE_PREFIX
SECOND_UNIT_EVERY = 21  # one unit in 21 goes to someone who owns another: ~5% of owners own two units
UNITS_PER_BUILDING = 200  # the default building size, e.g. 33 floors of 6
MAX_FLOORS = 33
RESIDENTIAL_AREAS = (58.6, 72.35, 89.5, 98.2, 120.25, 143.8, 168.0)  # a floor plan's flat sizes, m²
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰文斌宇浩晨欣怡子涵梓萱雨轩思博"
CITIES = ("杭州", "上海", "南京", "苏州", "宁波", "成都", "武汉", "广州")
ROADS = ("文一路", "学院路", "解放路", "人民路", "滨江大道", "中山路", "建设路", "和平路")


@dataclass(frozen=True)
class ScaleSpec:
    """What to generate: estates × units, how many buildings each, the random seed and the insert batch."""

    estates: int
    units_per_estate: int
    buildings_per_estate: int
    seed: int = 0
    batch_size: int = 2000


@dataclass(frozen=True)
class UnitPlan:
    building: int  # index into EstatePlan.buildings
    number: str
    floor: int
    area: Decimal
    use: str
    owner: int  # index into EstatePlan.owners


@dataclass(frozen=True)
class OwnerPlan:
    full_name: str
    start: date


@dataclass(frozen=True)
class EstatePlan:
    slug: str
    name: str
    city: str
    address: str
    buildings: list[str]
    units: list[UnitPlan]
    owners: list[OwnerPlan]


@dataclass(frozen=True)
class ScaleResult:
    estates: int
    buildings: int
    units: int
    owners: int


def default_buildings_per_estate(units_per_estate: int) -> int:
    """About UNITS_PER_BUILDING units per building, at least one building."""
    return max(1, -(-units_per_estate // UNITS_PER_BUILDING))


def scale_data_exists() -> bool:
    """Whether any generated estate or owner is in the database."""
    return (
        Estate.objects.filter(slug__startswith=SCALE_PREFIX).exists()
        or User.objects.filter(username__startswith=SCALE_PREFIX).exists()
    )


def scale_data_delete() -> None:
    """Delete the `scale-` estates with everything in them, and the `scale-` owners with their people.

    Raises ProtectedError if other data refers to them (say, a work order on a scale unit).
    """
    estates = Estate.objects.filter(slug__startswith=SCALE_PREFIX)
    units = Unit.objects.filter(estate__in=estates)
    users = User.objects.filter(username__startswith=SCALE_PREFIX)
    for queryset in (
        *(model.objects.filter(unit__in=units) for model in (Ownership, Occupancy, UnitClaim)),
        *(model.objects.filter(estate__in=estates) for model in (CommonArea, Unit, Building)),
        estates,
        Person.objects.filter(user__in=users),
        users,
    ):
        _delete(queryset)


def _delete(queryset) -> None:
    """queryset.delete(), as one DELETE statement when no row refers to the rows and nobody listens.

    The collector behind delete() loads every row and filters on lists of them: minutes for 200k units.
    """
    model = queryset.model
    relations = [
        f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete and f.is_relation
    ]
    referred = any(
        r.related_model._base_manager.filter(**{f"{r.field.name}__in": queryset}).exists()
        for r in relations
        if r.one_to_many or r.one_to_one
    )
    if referred or pre_delete.has_listeners(model) or post_delete.has_listeners(model):
        queryset.delete()
    else:
        queryset._raw_delete(queryset.db)  # what delete() itself runs when nothing refers to the rows


def _ignore_progress(count: int) -> None:
    pass


@transaction.atomic
def scale_seed(
    *, spec: ScaleSpec, replace: bool = False, on_progress: Callable[[int], None] = _ignore_progress
) -> ScaleResult:
    """Generate spec's estates, buildings, units and one verified owner per unit; on_progress(n) per chunk.

    Raises Conflict if scale data exists and replace is false, ValidationError if spec is out of range.
    """
    _check_spec(spec)
    if scale_data_exists():
        if not replace:
            raise Conflict(_("Scale data already exists."), code="scale_data_exists")
        scale_data_delete()
    owner_offset = buildings = 0
    for index in range(1, spec.estates + 1):
        plan = plan_estate(index=index, spec=spec)
        _write_estate(plan, owner_offset=owner_offset, batch_size=spec.batch_size, on_progress=on_progress)
        owner_offset += len(plan.owners)
        buildings += len(plan.buildings)
    return ScaleResult(spec.estates, buildings, spec.estates * spec.units_per_estate, owner_offset)


def _check_spec(spec: ScaleSpec) -> None:
    if min(spec.estates, spec.units_per_estate, spec.buildings_per_estate, spec.batch_size) < 1:
        raise ValidationError(_("Estates, units, buildings and batch size must be at least 1."), code="too_few")
    if spec.estates * spec.units_per_estate > MAX_OWNERS:
        raise ValidationError(_("At most %(max)d units in all."), code="too_many_units", params={"max": MAX_OWNERS})


# Planning: plain data from one random generator per estate, so an estate is the same whatever comes before.


def plan_estate(*, index: int, spec: ScaleSpec) -> EstatePlan:
    """The estate number `index` of spec, as plain data; the same for the same seed."""
    rng = random.Random(f"{spec.seed}:{index}")  # noqa: S311 - test data, not secrets
    sizes = _split(spec.units_per_estate, spec.buildings_per_estate)
    rows = [(b, *row) for b, size in enumerate(sizes) for row in _plan_building(rng, size)]
    owner_of = _plan_owners(rng, [row[4] for row in rows])
    count = len(rows) - len(rows) // SECOND_UNIT_EVERY
    owners = [OwnerPlan(_full_name(rng), date(2000, 1, 1) + timedelta(days=rng.randrange(9000))) for _ in range(count)]
    units = [UnitPlan(*row, owner=owner_of[i]) for i, row in enumerate(rows)]
    return EstatePlan(
        slug=f"{SCALE_PREFIX}{index:03d}",
        name=f"规模测试{index:03d}小区",
        city=CITIES[index % len(CITIES)],
        address=f"{ROADS[rng.randrange(len(ROADS))]} {rng.randint(1, 999)} 号",
        buildings=[f"{b}号楼" for b in range(1, len(sizes) + 1)],
        units=units,
        owners=owners,
    )


def _split(total: int, parts: int) -> list[int]:
    """total split into `parts` near-equal sizes (the first ones one larger), dropping empty parts."""
    base, extra = divmod(total, parts)
    return [size for i in range(parts) if (size := base + (i < extra))]


def _plan_building(rng: random.Random, count: int) -> list[tuple[str, int, Decimal, str]]:
    """(number, floor, area, use) of a building's units: parking below ground, shops on the ground floor."""
    parking, commercial = count * 5 // 100, count * 3 // 100
    rows = [(f"B1-{i:03d}", -1, _area(rng, 12, 16), Unit.Use.PARKING) for i in range(1, parking + 1)]
    rows += [(f"S{i:02d}", 1, _area(rng, 40, 300), Unit.Use.COMMERCIAL) for i in range(1, commercial + 1)]
    flats = count - parking - commercial
    per_floor = max(rng.choice((2, 4, 6)), -(-flats // MAX_FLOORS))
    stacks = [Decimal(str(rng.choice(RESIDENTIAL_AREAS))) for _ in range(per_floor)]  # same plan every floor
    first = 2 if commercial else 1
    for k in range(flats):
        floor, door = first + k // per_floor, k % per_floor + 1
        rows.append((f"{floor:02d}{door:02d}", floor, stacks[door - 1], Unit.Use.RESIDENTIAL))
    return rows


def _area(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _plan_owners(rng: random.Random, uses: list[str]) -> list[int]:
    """Owner index of each unit. Second units go to owners of another unit, parking spaces first."""
    order = list(range(len(uses)))
    rng.shuffle(order)
    order.sort(key=lambda i: uses[i] != Unit.Use.PARKING)  # stable: parking first, shuffled within
    seconds = set(order[: len(uses) // SECOND_UNIT_EVERY])
    owner_of, firsts = [], 0
    for i in range(len(uses)):
        owner_of.append(-1 if i in seconds else firsts)
        firsts += i not in seconds
    co_owners = iter(rng.sample(range(firsts), len(seconds)))
    return [owner if owner >= 0 else next(co_owners) for owner in owner_of]


def _full_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


# Writing: one chunk of units at a time; owners are written with the first unit they own.


def _write_estate(plan: EstatePlan, *, owner_offset: int, batch_size: int, on_progress: Callable[[int], None]) -> None:
    estate = Estate.objects.create(slug=plan.slug, name=plan.name, city=plan.city, address=plan.address)
    building_ids = bulk_insert(
        Building, ("estate_id", "name"), [(estate.pk, name) for name in plan.buildings], batch_size=batch_size
    )
    person_ids: list[int | None] = [None] * len(plan.owners)
    for start in range(0, len(plan.units), batch_size):
        chunk = plan.units[start : start + batch_size]
        _write_owners(plan, chunk, person_ids, owner_offset=owner_offset, batch_size=batch_size)
        units = bulk_insert(
            Unit,
            ("estate_id", "building_id", "number", "floor", "area", "use"),
            [(estate.pk, building_ids[u.building], u.number, u.floor, u.area, u.use) for u in chunk],
            batch_size=batch_size,
        )
        bulk_insert(
            Ownership,
            ("person_id", "unit_id", "start", "verified_at"),
            [
                (person_ids[u.owner], unit, *_verified(plan.owners[u.owner]))
                for u, unit in zip(chunk, units, strict=True)
            ],
            batch_size=batch_size,
        )
        on_progress(len(chunk))


def _write_owners(
    plan: EstatePlan, chunk: list[UnitPlan], person_ids: list, *, owner_offset: int, batch_size: int
) -> None:
    new = [i for i in dict.fromkeys(u.owner for u in chunk) if person_ids[i] is None]
    user_ids = bulk_insert(
        User, ("username", "phone", "password"), [_user(owner_offset + i) for i in new], batch_size=batch_size
    )
    rows = [(user_id, plan.owners[i].full_name) for i, user_id in zip(new, user_ids, strict=True)]
    people = bulk_insert(Person, ("user_id", "full_name"), rows, batch_size=batch_size)
    for i, person_id in zip(new, people, strict=True):
        person_ids[i] = person_id


def _user(number: int) -> tuple[str, str, str]:
    # An unusable password written directly: make_password(None) costs ~60 µs a user, a minute at 1M owners.
    password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
    return f"{SCALE_PREFIX}{number:07d}", f"{PHONE_PREFIX}{number:07d}", password


def _verified(owner: OwnerPlan) -> tuple[date, datetime]:
    return owner.start, datetime.combine(owner.start + timedelta(days=14), time(2), tzinfo=UTC)


# A lean bulk_create: Django's spends ~100 µs a row compiling the INSERT, three quarters of the run time.

# Field types whose Python values the database drivers take as they are.
PLAIN_TYPES = {
    "CharField",
    "SlugField",
    "EmailField",
    "TextField",
    "IntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "BooleanField",
    "ForeignKey",
    "OneToOneField",
}


def bulk_insert(model, columns: Sequence[str], rows: list[tuple], *, batch_size: int) -> list[int]:
    """INSERT rows of `columns` (attnames) values, the other fields getting their default (auto_now: now).

    Returns the new primary keys in row order (INSERT … RETURNING: SQLite 3.35+ and PostgreSQL). No signals.
    """
    fields = [model._meta.get_field(name) for name in columns]
    filled = [f for f in model._meta.concrete_fields if f.attname not in columns and not _database_fills(f)]
    constants = [f.get_db_prep_save(_fill_value(f), connection) for f in filled]
    prepare = [_preparer(f) for f in fields]
    size = max(1, min(batch_size, connection.ops.bulk_batch_size([*fields, *filled], rows)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = [tuple(map(_call, prepare, row)) for row in rows[start : start + size]]
            cursor.execute(*_insert_statement(model, fields, filled, batch, constants))
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def _database_fills(field) -> bool:
    return field.primary_key or field.generated or field.db_default is not NOT_PROVIDED


def _fill_value(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()  # None for a required field without default: the database refuses it


def _call(function, value):
    return function(value)


def _preparer(field) -> Callable:
    """The field's database form of a value, computed once per distinct value; plain values pass through."""
    if field.get_internal_type() in PLAIN_TYPES:
        return lambda value: value
    cache: dict = {}

    def prepare(value):
        if value not in cache:
            cache[value] = field.get_db_prep_save(value, connection)
        return cache[value]

    return prepare


def _insert_statement(model, fields, filled, rows, constants) -> tuple[str, list]:
    """SQL and parameters inserting rows (values of fields) with the constants (values of filled)."""
    qn = connection.ops.quote_name
    target = f"{qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in [*fields, *filled])})"
    returning = f"RETURNING {qn(model._meta.pk.column)}"
    # Only identifiers and types from model metadata are formatted into the SQL; values go as parameters.
    if connection.vendor == "postgresql":
        # An array per column, not a placeholder per value: psycopg spends ~15 µs on each placeholder.
        arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
        scalars = "".join(f", %s::{f.db_type(connection)}" for f in filled)
        sql = f"INSERT INTO {target} SELECT *{scalars} FROM unnest({arrays}) {returning}"  # noqa: S608
        return sql, [*constants, *map(list, zip(*rows, strict=True))]  # in the order of the placeholders
    row = f"({', '.join(['%s'] * (len(fields) + len(filled)))})"
    sql = f"INSERT INTO {target} VALUES {', '.join([row] * len(rows))} {returning}"  # noqa: S608
    return sql, [value for values in rows for value in (*values, *constants)]
