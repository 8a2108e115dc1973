"""Keeping the score rollups current: each response adds its sums in the submitting transaction, and a rebuild
recomputes every row from the raw answers (for repair, or after the rollup rules change).

One function, `contributions`, turns a response into the sums it adds; the receiver and the rebuild share it,
and the rollup test checks the result against feedback.scoring run on the raw answers, so the arithmetic of
the live path is proven by an independent one.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from feedback import dimensions
from feedback.models import ImportanceWeight, ItemAnswer, Response
from feedback.surveys.services import month_of  # rollup months and invitation months are the same months

from .models import DimensionRollup, Facet, ItemRollup, ResponseRollup

# 1988 dimensions made of more than one ten-dimension key: these get their own rows (see models docstring)
MERGED_FIVE = tuple(key for key in dimensions.FIVE_KEYS if key not in dimensions.TEN_KEYS)


@dataclass
class Sheet:
    """Sums to add, per rollup model: key tuple → {column: value}."""

    rows: dict = field(default_factory=lambda: {model: defaultdict(lambda: defaultdict(int)) for model in MODELS})

    def add(self, model, key, values):
        row = self.rows[model][key]
        for column, value in values.items():
            if column in model.REPLACE:
                row[column] = value
            else:
                row[column] += value


MODELS = (DimensionRollup, ItemRollup, ResponseRollup)


def facets(response) -> list[tuple[str, int]]:
    """The facet rows a response adds to: the whole estate, and its building, trade and technician if known."""
    out = [(Facet.ESTATE, 0)]
    for facet, value in ((Facet.BUILDING, response.building_id), (Facet.TRADE, response.trade_id),
                         (Facet.TECHNICIAN, response.technician_id)):  # fmt: skip
        if value is not None:
            out.append((facet, value))
    return out


def _totals(answers, key):
    """group → {k, p, e, min, des, gap}: the respondent's totals over the group's items (None columns → 0)."""
    out = defaultdict(lambda: defaultdict(int))
    for a in answers:
        t = out[key(a)]
        t["k"] += 1
        t["p"] += a.perceived
        t["e"] += a.expected or 0
        t["min"] += a.minimum or 0
        t["des"] += a.desired or 0
        t["gap"] += a.perceived - a.expected if a.expected is not None else 0
    return out


def _dimension_sums(t, points, weighted):
    sums = {"k": t["k"], "n": 1, "n_w": int(weighted), "w_points": points, "w_p": points * t["p"],
            "w_gap": points * t["gap"]}  # fmt: skip
    for column in ("p", "e", "min", "des", "gap"):
        sums[f"t_{column}"] = t[column]
        sums[f"t_{column}2"] = t[column] ** 2
    return sums


def _overall(totals, column):
    """The respondent's overall score: the mean of their dimension means."""
    return sum(t[column] / t["k"] for t in totals.values()) / len(totals)


def contributions(response, answers, weights: dict, sheet: Sheet) -> None:
    """Add one response's sums to `sheet`. `answers` are ItemAnswer-like objects (item_id, dimension, perceived,
    expected, minimum, desired); `weights` maps ten-dimension key → points ({} when not asked)."""
    if not answers:
        return
    weighted = bool(weights)
    ten = _totals(answers, lambda a: a.dimension)
    five = _totals(answers, lambda a: dimensions.ROLLUP[a.dimension])
    five_points = defaultdict(int)
    for key, points in weights.items():
        five_points[dimensions.ROLLUP[key]] += points
    has_gap = answers[0].expected is not None
    base = (response.estate_id,)
    rest = (response.instrument_id, response.kind, month_of(response.submitted_at))
    for facet, facet_id in facets(response):
        key = (*base, facet, facet_id, *rest)
        for dim, t in ten.items():
            sheet.add(DimensionRollup, (*key, dim), _dimension_sums(t, weights.get(dim, 0), weighted))
        for dim in MERGED_FIVE:
            if dim in five:
                sheet.add(DimensionRollup, (*key, dim), _dimension_sums(five[dim], five_points[dim], weighted))
        for a in answers:
            gap = a.perceived - a.expected if has_gap else 0
            t10, t5 = ten[a.dimension], five[dimensions.ROLLUP[a.dimension]]
            points = weights.get(a.dimension, 0)
            sheet.add(ItemRollup, (*key, a.item_id), {
                "dimension": a.dimension, "n": 1, "n_w": int(weighted),
                "s_p": a.perceived, "s_p2": a.perceived**2, "s_e": a.expected or 0, "s_e2": (a.expected or 0) ** 2,
                "s_min": a.minimum or 0, "s_min2": (a.minimum or 0) ** 2, "s_des": a.desired or 0,
                "s_des2": (a.desired or 0) ** 2, "s_gap": gap, "s_gap2": gap**2,
                "w_p": points * a.perceived, "w_gap": points * gap,
                "x_t_p": a.perceived * t10["p"], "x_t_gap": gap * t10["gap"],
                "x_t5_p": a.perceived * t5["p"], "x_t5_gap": gap * t5["gap"],
            })  # fmt: skip
        o_p, o5_p = _overall(ten, "p"), _overall(five, "p")
        o_gap, o5_gap = (_overall(ten, "gap"), _overall(five, "gap")) if has_gap else (0.0, 0.0)
        csat, nps = response.csat, response.nps
        sheet.add(ResponseRollup, key, {
            "n": 1, "n_w": int(weighted),
            "csat_n": int(csat is not None), "csat_top": int(csat is not None and csat >= 4),
            "csat_sum": csat or 0, "csat_sum2": (csat or 0) ** 2,
            "nps_n": int(nps is not None), "nps_promoters": int(nps is not None and nps >= 9),
            "nps_detractors": int(nps is not None and nps <= 6),
            "o_p": o_p, "o_p2": o_p**2, "o_gap": o_gap, "o_gap2": o_gap**2,
            "o5_p": o5_p, "o5_p2": o5_p**2, "o5_gap": o5_gap, "o5_gap2": o5_gap**2,
        })  # fmt: skip


def write(sheet: Sheet) -> None:
    """Add the sheet's sums to the tables: INSERT … ON CONFLICT DO UPDATE SET c = c + excluded.c, so two
    responses adding to one row at once both count (PostgreSQL and SQLite ≥ 3.24 share the syntax)."""
    for model, rows in sheet.rows.items():
        if not rows:
            continue
        table = model._meta.db_table
        columns = (*model.KEY, *model.SUMS, *model.REPLACE)
        updates = [f"{c} = {table}.{c} + excluded.{c}" for c in model.SUMS] + [
            f"{c} = excluded.{c}" for c in model.REPLACE
        ]
        # table and column names come from the model; values are parameters
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "  # noqa: S608
            f"ON CONFLICT ({', '.join(model.KEY)}) DO UPDATE SET {', '.join(updates)}"
        )
        with connection.cursor() as cursor:
            # one short statement many times: psycopg pipelines executemany, and short SQL stays in its cache
            cursor.executemany(sql, [(*key, *(values.get(c, 0) for c in (*model.SUMS, *model.REPLACE)))
                                     for key, values in rows.items()])  # fmt: skip


ANSWER_FIELDS = ("response_id", "item_id", "dimension", "perceived", "expected", "minimum", "desired")


def _add_responses(responses, sheet: Sheet) -> None:
    ids = [r.pk for r in responses]
    answers, weights = defaultdict(list), defaultdict(dict)
    for a in ItemAnswer.objects.filter(response_id__in=ids).only(*ANSWER_FIELDS).order_by():
        answers[a.response_id].append(a)
    for w in ImportanceWeight.objects.filter(response_id__in=ids).values_list("response_id", "dimension", "points"):
        weights[w[0]][w[1]] = w[2]
    for response in responses:
        contributions(response, answers[response.pk], weights[response.pk], sheet)


RESPONSE_FIELDS = ("estate_id", "building_id", "trade_id", "technician_id", "instrument_id", "kind", "submitted_at",
                   "csat", "nps")  # fmt: skip


def on_response_submitted(sender, response_id, **kwargs) -> None:
    """Receiver of feedback.signals.response_submitted: add the response's sums in the submitting transaction."""
    response = Response.objects.only(*RESPONSE_FIELDS).get(pk=response_id)
    sheet = Sheet()
    _add_responses([response], sheet)
    write(sheet)


def rebuild(*, estate_id: int | None = None, chunk: int = 2000) -> int:
    """Recompute the rollups (of one estate, or all) from the raw answers; returns the responses counted.

    On PostgreSQL the rollup tables are locked (EXCLUSIVE: reads go on, writers wait) before the responses are
    read, so a response submitted meanwhile is either already committed and read here, or waits and adds its
    sums after the rebuild: never lost, never counted twice."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tables = ", ".join(model._meta.db_table for model in MODELS)
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        for model in MODELS:
            rows = model.objects.all() if estate_id is None else model.objects.filter(estate_id=estate_id)
            rows.delete()
        responses = Response.objects.only(*RESPONSE_FIELDS).order_by("pk")
        if estate_id is not None:
            responses = responses.filter(estate_id=estate_id)
        sheet, counted, last = Sheet(), 0, 0
        while True:
            batch = list(responses.filter(pk__gt=last)[:chunk])
            if not batch:
                break
            _add_responses(batch, sheet)
            counted, last = counted + len(batch), batch[-1].pk
        write(sheet)
    return counted
