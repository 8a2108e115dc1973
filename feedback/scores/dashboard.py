"""Everything the score dashboard, its exports and the printed report show, gathered in one place."""

from dataclasses import dataclass

from django.utils import translation

from feedback import dimensions
from feedback.complaints.selectors import complaint_counts_by_dimension

from . import charts
from .selectors import ScoreFilter, period_bounds, response_rates, score_report, score_trend, technician_scores


@dataclass
class Dashboard:
    filter: ScoreFilter
    report: object
    trend: list
    rates: list
    estate_mean: float | None
    technicians: list
    complaints: list | None  # [(dimension, count)] or None when the complaints feature is not wired in
    breakdowns: bool = True  # technicians' scores shown (residents.access "feedback.breakdowns")

    def charts(self):
        language = translation.get_language() or "zh-hans"
        report = self.report
        figures = list(report.dimensions)
        if report.has_zone:
            series = [("desired", "desired"), ("perceived", "perceived"), ("minimum", "minimum")]
        elif report.has_gap:
            series = [("expected", "expected"), ("perceived", "perceived")]
        else:
            series = [("perceived", "perceived")]
        trend_points = [
            (p.month.strftime("%Y-%m"), {"perceived": p.overall.perceived if p.overall else None,
                                         "expected": getattr(p.overall, "expected", None) if p.overall else None})
            for p in self.trend
        ]  # fmt: skip
        gap_column = "gap" if report.has_gap else "msa" if report.has_zone else None
        gap_rows = []
        if gap_column:
            gap_rows = [(d.name.name(language), getattr(d.scores, gap_column)) for d in figures if d.scores]
            gap_rows.sort(key=lambda row: row[1])
        return {
            "radar": charts.radar(figures, series, language=language),
            "trend": charts.lines(trend_points, ["perceived", "expected"] if report.has_gap else ["perceived"]),
            "gaps": charts.bars(gap_rows),
            "gap_column": gap_column,
        }


def dashboard(f: ScoreFilter, *, breakdowns: bool = True) -> Dashboard:
    """`breakdowns`: whether the viewer may see the technicians' scores (managers; not the committee)."""
    report = score_report(f)
    if report.instrument is not None and f.instrument_id is None:
        f = ScoreFilter(**{**vars(f), "instrument_id": report.instrument.pk})
    estate_mean, technicians = technician_scores(f) if breakdowns else (None, [])
    since, until = period_bounds(f)
    counts = complaint_counts_by_dimension(estate_ids=[f.estate_id], since=since, until=until)
    complaints = [(dimensions.BY_KEY[k], counts.get(k, 0)) for k in dimensions.TEN_KEYS]
    trend = score_trend(f, report.instrument, report.withholding)
    return Dashboard(f, report, trend, response_rates(f), estate_mean, technicians, complaints, breakdowns)
