"""Score rollups: additive sums per estate, month, instrument, kind and facet, kept current as responses arrive.

Why sums
    Every figure of feedback.scoring is a mean of respondent-level means, a variance, or a count; each is a
    function of a few sums over respondents (sufficient statistics), and sums over months add up. So a row
    per (estate, month, instrument, kind, facet, facet_id, dimension) holding n, ΣT and ΣT² (T = the
    respondent's total over the dimension's items) answers any period by adding its months' rows. The
    derivations are in feedback/scores/moments.py; tests/feedback/test_scores_rollups.py checks them against
    feedback.scoring run on the raw answers.

Why totals, not means
    Within one instrument a dimension has a fixed number of items k, so the respondent's mean is T/k and
    ΣT, ΣT² are integers: the rows are exact (no float drift however many responses are added), and means are
    ΣT/(k·n). That is also why the instrument is a key: items and k differ between instruments, and
    feedback.scoring refuses to mix formats anyway.

Why a facet column
    Grouping by estate, building, trade and technician with one column each and every combination would grow
    as the product of their counts. Instead each response adds one row per facet it has: the whole estate
    (facet "estate", id 0), its building, its work order's trade and its technician. That is at most four
    rows per dimension per response, and a query reads one facet at a time (the dashboard filters by one of
    building, trade or technician, not by combinations of them). Kind (after a repair / estate-wide) is a key
    too: it almost always follows from the instrument, so it costs no extra rows.

Five dimensions
    Rows for the 1988 dimensions assurance and empathy (whose keys do not collide with the ten) carry the
    totals over their ten-dimension members, because (ΣT)² does not split into its parts. Tangibles,
    reliability and responsiveness are the same set of items at both levels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.models.instruments import Instrument, Item
from residents.models import Estate


class Facet(models.TextChoices):
    ESTATE = "estate", _("Whole estate")
    BUILDING = "building", _("Building")
    TRADE = "trade", _("Trade")
    TECHNICIAN = "technician", _("Technician")


class _RollupKey(models.Model):
    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # first day of the month of submission, Asia/Shanghai
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    facet = models.CharField(max_length=16, choices=Facet.choices)
    facet_id = models.PositiveIntegerField(default=0)  # building, trade or user id; 0 for the whole estate

    class Meta:
        abstract = True


# Key columns, in the order of the unique indexes, which are also the lookup indexes: a dashboard reads one
# estate, one facet value and one instrument over a range of months.
KEY = ("estate_id", "facet", "facet_id", "instrument_id", "kind", "month")
_KEY_FIELDS = ["estate", "facet", "facet_id", "instrument", "kind", "month"]


def _sum():
    return models.BigIntegerField(default=0)


class DimensionRollup(_RollupKey):
    """Per dimension (ten keys, plus assurance and empathy for the five): sums of respondent totals T."""

    dimension = models.CharField(max_length=16)
    k = models.PositiveSmallIntegerField(default=0)  # items of the dimension in this instrument
    n = _sum()  # respondents
    t_p, t_p2 = _sum(), _sum()  # Σ T_perceived, Σ T_perceived²
    t_e, t_e2 = _sum(), _sum()
    t_min, t_min2 = _sum(), _sum()
    t_des, t_des2 = _sum(), _sum()
    t_gap, t_gap2 = _sum(), _sum()  # T_gap = Σ_i (P − E) over the dimension's items
    n_w = _sum()  # respondents who gave importance points
    w_points = _sum()  # Σ points on this dimension
    w_p = _sum()  # Σ points · T_perceived
    w_gap = _sum()  # Σ points · T_gap

    KEY = (*KEY, "dimension")
    SUMS = ("n", "t_p", "t_p2", "t_e", "t_e2", "t_min", "t_min2", "t_des", "t_des2", "t_gap", "t_gap2", "n_w",
            "w_points", "w_p", "w_gap")  # fmt: skip
    REPLACE = ("k",)

    class Meta:
        db_table = "feedback_score_dimension"
        constraints = [models.UniqueConstraint(fields=[*_KEY_FIELDS, "dimension"], name="score_dim_key")]


class ItemRollup(_RollupKey):
    """Per item: Σx, Σx² and the cross sums Σx·T with its dimension's total (ten and five) for item analysis."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=16)  # the item's (ten-dimension) key, copied for grouping
    n = _sum()
    s_p, s_p2 = _sum(), _sum()
    s_e, s_e2 = _sum(), _sum()
    s_min, s_min2 = _sum(), _sum()
    s_des, s_des2 = _sum(), _sum()
    s_gap, s_gap2 = _sum(), _sum()
    n_w = _sum()
    w_p, w_gap = _sum(), _sum()  # Σ points(item's dimension) · x
    x_t_p, x_t_gap = _sum(), _sum()  # Σ x · T of the item's ten-dimension
    x_t5_p, x_t5_gap = _sum(), _sum()  # Σ x · T of the item's 1988 dimension

    KEY = (*KEY, "item_id")
    SUMS = ("n", "s_p", "s_p2", "s_e", "s_e2", "s_min", "s_min2", "s_des", "s_des2", "s_gap", "s_gap2", "n_w",
            "w_p", "w_gap", "x_t_p", "x_t_gap", "x_t5_p", "x_t5_gap")  # fmt: skip
    REPLACE = ("dimension",)

    class Meta:
        db_table = "feedback_score_item"
        constraints = [models.UniqueConstraint(fields=[*_KEY_FIELDS, "item"], name="score_item_key")]


class ResponseRollup(_RollupKey):
    """Per response: counts for CSAT, 满意率 and NPS, and the respondent's overall score (mean of their
    dimension means) for the overall interval. Overall scores are floats: their denominators differ."""

    n = _sum()
    n_w = _sum()
    csat_n, csat_top, csat_sum, csat_sum2 = _sum(), _sum(), _sum(), _sum()  # top: answers of 4 or 5
    nps_n, nps_promoters, nps_detractors = _sum(), _sum(), _sum()
    o_p = models.FloatField(default=0)
    o_p2 = models.FloatField(default=0)
    o_gap = models.FloatField(default=0)
    o_gap2 = models.FloatField(default=0)
    o5_p = models.FloatField(default=0)
    o5_p2 = models.FloatField(default=0)
    o5_gap = models.FloatField(default=0)
    o5_gap2 = models.FloatField(default=0)

    KEY = KEY
    SUMS = ("n", "n_w", "csat_n", "csat_top", "csat_sum", "csat_sum2", "nps_n", "nps_promoters", "nps_detractors",
            "o_p", "o_p2", "o_gap", "o_gap2", "o5_p", "o5_p2", "o5_gap", "o5_gap2")  # fmt: skip
    REPLACE = ()

    class Meta:
        db_table = "feedback_score_response"
        constraints = [models.UniqueConstraint(fields=_KEY_FIELDS, name="score_resp_key")]
