"""The dashboard's figures as a table, for CSV and XLSX (tablib): one row per figure, suppressed figures left
blank with the reason in the last column."""

import tablib
from django.utils import translation
from django.utils.translation import gettext as _

from feedback import scoring

COLUMNS = ("perceived", "expected", "gap", "weighted_gap", "minimum", "desired", "msa", "mss", "zone")


def _round(value, places=2):
    return round(value, places) if isinstance(value, float) else value


def _score_cells(scores, interval=None, alpha=None):
    if not scores:
        return [scores.n if scores is not None else 0, *[""] * (len(COLUMNS) + 3), getattr(scores, "reason", "")]
    cells = [scores.n, *[_round(getattr(scores, c)) if getattr(scores, c) is not None else "" for c in COLUMNS]]
    low = high = ""
    if interval and interval.low is not None:
        low, high = _round(interval.low), _round(interval.high)
    return [*cells, low, high, _round(alpha) if alpha is not None else "", ""]


def _row(section, name, n="", note="", **values):
    """A row for a figure that is not a Scores (a percentage, a priority): the value goes in the named column."""
    return [section, name, n, *[values.get(c, "") for c in COLUMNS], "", "", "", note]


def dataset(board) -> tablib.Dataset:
    language = translation.get_language() or "zh-hans"
    report = board.report
    headers = [_("Section"), _("Name"), _("Respondents"), _("Perceived (P)"), _("Expected (E)"), _("Gap P−E"),
               _("Weighted gap"), _("Minimum"), _("Desired"), _("MSA"), _("MSS"), _("Zone"), _("95% low"),
               _("95% high"), _("Cronbach's α"), _("Note")]  # fmt: skip
    data = tablib.Dataset(headers=headers, title=_("Scores")[:31])
    if report.instrument is None:
        return data
    data.append(
        [_("Overall"), report.instrument.name(language), *_score_cells(report.overall, report.overall_perceived)]
    )
    for d in report.dimensions:
        alpha = d.reliability.alpha if d.reliability else None
        data.append([_("Dimension"), d.name.name(language), *_score_cells(d.scores, d.perceived, alpha)])
    for item in report.items:
        data.append([_("Statement"), item.text(language), *_score_cells(item.scores, item.perceived)])
    for p in board.trend:
        data.append([_("Month"), p.month.strftime("%Y-%m"), *_score_cells(p.overall)])
    for label, figure in ((_("CSAT %"), report.csat), (_("Satisfaction rate (满意率)"), report.satisfaction),
                          (_("NPS"), report.nps)):  # fmt: skip
        value = figure.nps if isinstance(figure, scoring.NetPromoter) else getattr(figure, "percent", "")
        data.append(_row(_("Satisfaction"), label, figure.n, perceived=_round(value, 1) if figure else "",
                         note="" if figure else figure.reason))  # fmt: skip
    for p in report.priorities:
        data.append(_row(_("Priority"), p.dimension, gap=_round(p.gap),
                         note=_("priority %(value)s") % {"value": _round(p.priority, 3)}))  # fmt: skip
    for r in board.rates:
        rate = r.rate
        data.append(_row(_("Response rate"), f"{r.month:%Y-%m} {r.kind}", r.invited,
                         perceived=_round(rate.percent, 1) if rate else "",
                         note=_("answered %(a)d, expired %(e)d") % {"a": r.answered, "e": r.expired}))  # fmt: skip
    for t in board.technicians:
        data.append(_row(_("Service score"), t.name, t.n, perceived=_round(t.score.score) if t.score else "",
                         note="" if t.score else t.score.reason))  # fmt: skip
    return data
