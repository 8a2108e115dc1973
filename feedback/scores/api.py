"""Scores in the REST API (managers and committee members, feedback.scores): figures, trend and technicians'
service scores of one estate. A figure withheld by the privacy floor is null, with `suppressed` and `reason`."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback import scoring
from residents import access
from residents.permissions import HasCapability
from residents.selectors import estates_for_staff

from . import filters
from .selectors import response_rates, score_report, score_trend, technician_scores

SCORE_COLUMNS = ("perceived", "expected", "gap", "weighted_gap", "weighted_perceived", "minimum", "desired", "msa",
                 "mss", "zone_position")  # fmt: skip

# --- serializers (module level, named for the schema) -----------------------------------------------------------


class ScoreFiguresSerializer(serializers.Serializer):
    n = serializers.IntegerField(help_text="Respondents in the group.")
    suppressed = serializers.BooleanField(help_text="True when the group is under the privacy floor of 5.")
    reason = serializers.CharField(allow_null=True, help_text="Why the figures are withheld (when suppressed).")
    perceived = serializers.FloatField(allow_null=True, help_text="Mean perceived level P (SERVPERF), 1–7.")
    expected = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True, help_text="P − E.")
    weighted_gap = serializers.FloatField(allow_null=True, help_text="With importance weights W = points/100.")
    weighted_perceived = serializers.FloatField(allow_null=True)
    minimum = serializers.FloatField(allow_null=True)
    desired = serializers.FloatField(allow_null=True)
    msa = serializers.FloatField(allow_null=True, help_text="P − minimum.")
    mss = serializers.FloatField(allow_null=True, help_text="P − desired.")
    zone = serializers.CharField(allow_null=True, help_text="below, within or above the zone of tolerance.")
    zone_position = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True, help_text="95% interval of the mean perceived level.")
    high = serializers.FloatField(allow_null=True)


class ScoreDimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    importance = serializers.FloatField(allow_null=True, help_text="Mean points of 100, where the survey asks.")
    alpha = serializers.FloatField(allow_null=True, help_text="Cronbach's α on P; null when undefined or withheld.")
    alpha_gap = serializers.FloatField(allow_null=True, help_text="Cronbach's α on P − E (two-column surveys).")
    figures = ScoreFiguresSerializer()


class ScoreItemSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    position = serializers.IntegerField()
    dimension = serializers.CharField()
    text_zh = serializers.CharField()
    text_en = serializers.CharField()
    item_total_r = serializers.FloatField(allow_null=True, help_text="Corrected item-total correlation.")
    alpha_if_deleted = serializers.FloatField(allow_null=True)
    figures = ScoreFiguresSerializer()


class ScorePercentSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True, help_text="Percent (CSAT, 满意率) or points (NPS).")
    suppressed = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)


class ScorePrioritySerializer(serializers.Serializer):
    dimension = serializers.CharField()
    gap = serializers.FloatField(help_text="Gap (two-column) or MSA (three-column).")
    importance = serializers.FloatField()
    priority = serializers.FloatField(help_text="−gap × importance/100; the larger, the sooner to improve.")


class ScoreInstrumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    version = serializers.IntegerField()
    format = serializers.CharField()
    responses = serializers.IntegerField()


class ScoreResponseRateSerializer(serializers.Serializer):
    month = serializers.CharField()
    kind = serializers.CharField()
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    expired = serializers.IntegerField()
    waiting = serializers.IntegerField()
    rate = ScorePercentSerializer()


class ScoreReportSerializer(serializers.Serializer):
    estate = serializers.CharField()
    period_from = serializers.CharField()
    period_to = serializers.CharField()
    facet = serializers.CharField()
    facet_id = serializers.IntegerField()
    level = serializers.IntegerField()
    instrument = ScoreInstrumentSerializer(allow_null=True)
    instruments = ScoreInstrumentSerializer(many=True)
    n = serializers.IntegerField()
    overall = ScoreFiguresSerializer()
    dimensions = ScoreDimensionSerializer(many=True)
    items = ScoreItemSerializer(many=True)
    csat = ScorePercentSerializer()
    satisfaction_rate = ScorePercentSerializer()
    nps = ScorePercentSerializer()
    priorities = ScorePrioritySerializer(many=True)
    response_rates = ScoreResponseRateSerializer(many=True)


class ScoreTrendDimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    figures = ScoreFiguresSerializer()


class ScoreTrendMonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    n = serializers.IntegerField()
    overall = ScoreFiguresSerializer()
    csat = ScorePercentSerializer()
    nps = ScorePercentSerializer()
    dimensions = ScoreTrendDimensionSerializer(many=True)


class ScoreTrendSerializer(serializers.Serializer):
    estate = serializers.CharField()
    instrument = ScoreInstrumentSerializer(allow_null=True)
    months = ScoreTrendMonthSerializer(many=True)


class ScoreTechnicianSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField()
    surveys = serializers.IntegerField()
    service_score = serializers.FloatField(allow_null=True, help_text="服务分值 (1–5), shrunk toward the estate mean.")
    raw_mean = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)


class ScoreTechniciansSerializer(serializers.Serializer):
    estate = serializers.CharField()
    estate_mean = serializers.FloatField(allow_null=True, help_text="Mean overall satisfaction after repairs.")
    technicians = ScoreTechnicianSerializer(many=True)


# --- plain data for the serializers ------------------------------------------------------------------------------


def _suppression(figure):
    withheld = isinstance(figure, scoring.Suppressed)
    return {"suppressed": withheld, "reason": figure.reason if withheld else None}


def figures(scores, interval=None):
    out = {"n": scores.n, **_suppression(scores), "zone": None, "low": None, "high": None}
    out.update(dict.fromkeys(SCORE_COLUMNS))
    if scores:
        out.update({c: getattr(scores, c) for c in SCORE_COLUMNS}, zone=scores.zone)
        if interval and interval.low is not None:
            out.update(low=interval.low, high=interval.high)
    return out


def percent(figure):
    value = None
    if figure:
        value = figure.nps if isinstance(figure, scoring.NetPromoter) else figure.percent
    return {"n": figure.n, "value": value, **_suppression(figure)}


def _instrument(instrument, responses=None):
    if instrument is None:
        return None
    return {"id": instrument.pk, "name_zh": instrument.name_zh, "name_en": instrument.name_en,
            "version": instrument.version, "format": instrument.format, "responses": responses or 0}  # fmt: skip


def _alpha(reliability):
    return reliability.alpha if reliability else None


def report_data(estate, f):
    report = score_report(f)
    dims = [
        {"key": d.key, "name_zh": d.name.name_zh, "name_en": d.name.name_en, "importance": d.importance,
         "alpha": _alpha(d.reliability), "alpha_gap": _alpha(d.reliability_gap),
         "figures": figures(d.scores, d.perceived)}
        for d in report.dimensions
    ]  # fmt: skip
    items = [
        {"item_id": i.item_id, "position": i.position, "dimension": i.dimension, "text_zh": i.text_zh,
         "text_en": i.text_en, "item_total_r": i.item_total_r, "alpha_if_deleted": i.alpha_if_deleted,
         "figures": figures(i.scores, i.perceived)}
        for i in report.items
    ]  # fmt: skip
    rates = [
        {"month": f"{r.month:%Y-%m}", "kind": r.kind, "invited": r.invited, "answered": r.answered,
         "expired": r.expired, "waiting": r.waiting, "rate": percent(r.rate)}
        for r in response_rates(f)
    ]  # fmt: skip
    counts = dict(report.instruments)
    return {
        "estate": estate.slug, "period_from": f"{f.start:%Y-%m}", "period_to": f"{f.end:%Y-%m}", "facet": f.facet,
        "facet_id": f.facet_id, "level": f.level,
        "instrument": _instrument(report.instrument, counts.get(report.instrument)),
        "instruments": [_instrument(i, n) for i, n in report.instruments], "n": report.n,
        "overall": figures(report.overall, report.overall_perceived), "dimensions": dims, "items": items,
        "csat": percent(report.csat), "satisfaction_rate": percent(report.satisfaction), "nps": percent(report.nps),
        "priorities": [{"dimension": p.dimension, "gap": p.gap, "importance": p.importance, "priority": p.priority}
                       for p in report.priorities],
        "response_rates": rates,
    }  # fmt: skip


# --- views --------------------------------------------------------------------------------------------------------

PARAMETERS = [
    OpenApiParameter(
        "estate", OpenApiTypes.STR, required=True, description="Slug of an estate you may read scores of."
    ),
    OpenApiParameter("from", OpenApiTypes.STR, description="First month, YYYY-MM (default: twelve months ago)."),
    OpenApiParameter("to", OpenApiTypes.STR, description="Last month, YYYY-MM (default: this month)."),
    OpenApiParameter("building", OpenApiTypes.INT, description="One building (or trade, or technician) at a time."),
    OpenApiParameter("trade", OpenApiTypes.INT, description="Managers only (400 for the committee)."),
    OpenApiParameter("technician", OpenApiTypes.INT, description="User id of a technician. Managers only."),
    OpenApiParameter("instrument", OpenApiTypes.INT, description="Default: the most answered in the period."),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=["transactional", "campaign"]),
    OpenApiParameter("level", OpenApiTypes.INT, enum=[10, 5], description="Ten dimensions (1985) or five (1988)."),
]


class _ScoresView(APIView):
    permission_classes = [HasCapability]
    capability = "feedback.scores"

    def scope(self, request):
        """(estate, filter): 404 for an estate out of scope, 400 naming each bad parameter."""
        slug = request.query_params.get("estate")
        if not slug:
            raise serializers.ValidationError({"estate": [_("Choose an estate.")]})
        estate = get_object_or_404(estates_for_staff(user=request.user, capability=self.capability), slug=slug)
        try:
            breakdowns = access.can(request.user, "feedback.breakdowns", estate.pk)
            return estate, filters.parse(estate, request.query_params, breakdowns=breakdowns)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc


class StaffScoresView(_ScoresView):
    """Scores of one estate and period: per statement, dimension and overall, satisfaction, priorities and
    response rates. Groups under 5 respondents come back null with the reason, and so do figures that other
    figures would let one subtract down to fewer than 5 (buildings of fewer than 5 households never show)."""

    @extend_schema(parameters=PARAMETERS, responses=ScoreReportSerializer)
    def get(self, request):
        estate, f = self.scope(request)
        return Response(ScoreReportSerializer(report_data(estate, f)).data)


class StaffScoreTrendView(_ScoresView):
    """Month by month for one instrument: overall and per-dimension figures, CSAT and NPS."""

    @extend_schema(parameters=PARAMETERS, responses=ScoreTrendSerializer)
    def get(self, request):
        estate, f = self.scope(request)
        report = score_report(f)
        months = [
            {"month": f"{p.month:%Y-%m}", "n": p.n, "overall": figures(p.overall), "csat": percent(p.csat),
             "nps": percent(p.nps), "dimensions": [{"key": k, "figures": figures(s)} for k, s in p.dimensions.items()]}
            for p in score_trend(f, report.instrument, report.withholding)
        ]  # fmt: skip
        data = {"estate": estate.slug, "instrument": _instrument(report.instrument, report.n), "months": months}
        return Response(ScoreTrendSerializer(data).data)


class StaffScoreTechniciansView(_ScoresView):
    """Technicians' service scores (服务分值) from the surveys after their repairs in the period (managers)."""

    capability = "feedback.breakdowns"

    @extend_schema(parameters=PARAMETERS[:3], responses=ScoreTechniciansSerializer)
    def get(self, request):
        estate, f = self.scope(request)
        estate_mean, people = technician_scores(f)
        rows = [
            {"user_id": t.user_id, "name": t.name, "surveys": t.n, "service_score": t.score.score if t.score else None,
             "raw_mean": t.score.raw_mean if t.score else None, **_suppression(t.score)}
            for t in people
        ]  # fmt: skip
        data = {"estate": estate.slug, "estate_mean": estate_mean, "technicians": rows}
        return Response(ScoreTechniciansSerializer(data).data)
