"""The frozen roll and the ballots as CSV (UTF-8 with BOM, so Excel opens Chinese text), in the plain column
layout official e-voting platforms import: one row per unit on the roll, one per ballot."""

import csv

from django.http import HttpResponse

from .models import Ballot, Motion, RollUnit

ROLL_HEADER = ["voter", "developer", "owners", "unit", "exclusive_area_m2"]
BALLOT_HEADER = ["voter", "choice", "channel", "proxy_name", "cast_at", "last_changed_at"]


def roll_rows(motion: Motion):
    units = RollUnit.objects.filter(entry__motion=motion).order_by("entry__key", "code")
    for key, developer, names, code, area in units.values_list(
        "entry__key", "entry__developer", "entry__names", "code", "area"
    ):
        yield [key, "1" if developer else "0", names, code, f"{area:.2f}"]


def ballot_rows(motion: Motion):
    ballots = Ballot.objects.filter(motion=motion).order_by("entry__key")
    for key, choice, channel, proxy, cast, changed in ballots.values_list(
        "entry__key", "choice", "channel", "proxy_name", "created_at", "updated_at"
    ):
        yield [key, choice, channel, proxy, cast.isoformat(), changed.isoformat()]


def csv_response(motion: Motion, what: str) -> HttpResponse:
    header, rows = (ROLL_HEADER, roll_rows(motion)) if what == "roll" else (BALLOT_HEADER, ballot_rows(motion))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vote-{motion.pk}-{what}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(_safe(row) for row in rows)
    return response


def _safe(row):
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): quote it
    return [f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in row]
