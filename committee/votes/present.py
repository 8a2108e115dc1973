"""A tally as stored JSON and as the arithmetic owners read: every figure and every comparison, both measures."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .. import voting

SCHEMA = 1
MEASURES = ("area", "heads")


def result_to_json(result: voting.Result) -> dict:
    """The final result, frozen: Decimals as strings so nothing is rounded on the way to JSON."""
    counts = {
        name: {
            field: str(getattr(getattr(result.counts, name), field)) for field in voting.Measure.__dataclass_fields__
        }
        for name in MEASURES
    }
    return {
        "schema": SCHEMA,
        "item": result.item,
        "counts": counts,
        "participation_area": result.participation_area,
        "participation_heads": result.participation_heads,
        "approval_area": result.approval_area,
        "approval_heads": result.approval_heads,
        "passed": result.passed,
    }


def result_from_json(data: dict) -> voting.Result:
    def measure(name, kind):
        return voting.Measure(**{k: kind(v) for k, v in data["counts"][name].items()})

    counts = voting.Counts(area=measure("area", Decimal), heads=measure("heads", int))
    return voting.decide(counts, data["item"])


def arithmetic(result: voting.Result) -> list[dict]:
    """The four tests of art. 278, each with its figures, the cross-multiplied comparison and the outcome."""
    area, heads = result.counts.area, result.counts.heads
    need = (3, 4, "≥") if result.supermajority else (1, 2, ">")
    rows = []
    for label, measure, unit, ok in (
        (_("Participation by area"), area, "m²", result.participation_area),
        (_("Participation by headcount"), heads, "", result.participation_heads),
    ):
        rows.append(_row(label, measure.participating, measure.total, unit, (2, 3, "≥"), ok))
    for label, measure, unit, ok in (
        (_("Approval by area"), area, "m²", result.approval_area),
        (_("Approval by headcount"), heads, "", result.approval_heads),
    ):
        rows.append(_row(label, measure.yes, measure.participating, unit, need, ok))
    return rows


def _row(label, part, whole, unit, need, ok) -> dict:
    num, den, op = need
    return {
        "label": label,
        "part": part,
        "whole": whole,
        "unit": unit,
        "share": voting.share(part, whole),
        "threshold": f"{op} {num}/{den}",
        "check": f"{part} × {den} = {part * den} {op} {whole} × {num} = {whole * num}",
        "ok": ok,
    }
