import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from repairs import reports, services
from repairs.reports import Facts

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=SH)


def fact(n, *, accepted=None, completed=None, due=None, reopened=0, trade="plumbing", priority="routine", at=T0):
    minutes = timedelta(minutes=1)
    return Facts(
        id=n,
        trade=trade,
        priority=priority,
        created_at=at,
        accepted_at=at + accepted * minutes if accepted is not None else None,
        completed_at=at + completed * minutes if completed is not None else None,
        resolution_due=at + due * minutes if due is not None else None,
        reopen_count=reopened,
    )


def test_percentile_is_nearest_rank():
    assert reports.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert reports.percentile([5], 0.9) == 5
    assert reports.percentile([], 0.5) is None


def test_monthly_figures_by_hand():
    orders = [
        fact(1, accepted=10, completed=120, due=240),  # on time, first-time fix
        fact(2, accepted=30, completed=600, due=240, trade="electrical"),  # late
        fact(3, accepted=20, completed=90, due=240, reopened=1, priority="emergency"),  # reopened
        fact(4),  # not yet accepted
    ]
    done = orders[:3]
    report = reports.monthly(reported=orders, completed=done, open_at_cutoff=[orders[3]], cutoff=T0 + timedelta(days=2))
    assert report["volume"] == 4 and report["completed"] == 3
    assert report["by_trade"] == {"electrical": 1, "plumbing": 3}
    assert report["by_priority"] == {"emergency": 1, "routine": 3}
    assert report["response_minutes"] == {"median": 20, "p90": 30}
    assert report["resolution_minutes"] == {"median": 120, "p90": 600}
    assert (report["on_time_rate"], report["first_time_fix_rate"], report["reopen_rate"]) == (66.7, 66.7, 33.3)
    assert report["backlog"] == {"under_1_day": 0, "1_to_3_days": 1, "3_to_7_days": 0, "over_7_days": 0}


def test_monthly_with_nothing_completed_has_no_rates():
    report = reports.monthly(reported=[], completed=[], open_at_cutoff=[], cutoff=T0)
    assert report["on_time_rate"] is None and report["response_minutes"] == {"median": None, "p90": None}


@pytest.mark.django_db
def test_report_api_counts_this_months_orders(world, api_as, order):
    month = order.created_at.astimezone(SH).strftime("%Y-%m")
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    body = api_as(world.users["manager"]).get(f"/api/v1/staff/reports/repairs/?estate=alpha&month={month}").json()
    assert body["volume"] == 1 and body["by_priority"] == {"emergency": 1}
    assert body["backlog"]["under_1_day"] == 1


@pytest.mark.django_db
def test_report_api_scoping_and_bad_month(world, api_as):
    dispatcher = api_as(world.users["dispatcher"])
    assert dispatcher.get("/api/v1/staff/reports/repairs/?estate=beta&month=2026-11").status_code == 404
    response = dispatcher.get("/api/v1/staff/reports/repairs/?estate=alpha&month=2026-13")
    assert response.status_code == 400 and "month" in response.json()["errors"]
    assert (
        api_as(world.users["owner"]).get("/api/v1/staff/reports/repairs/?estate=alpha&month=2026-11").status_code == 403
    )


@pytest.mark.django_db
def test_report_page_exports_csv_and_xlsx(world, web_as, order):
    client = web_as(world.users["manager"])
    month = order.created_at.astimezone(SH).strftime("%Y-%m")
    csv_response = client.get(f"/staff/reports/repairs/?estate=alpha&month={month}&format=csv")
    assert csv_response["Content-Disposition"].endswith(f'repairs-alpha-{month}.csv"')
    assert "summary,volume,1" in csv_response.content.decode("utf-8-sig")
    xlsx = client.get(f"/staff/reports/repairs/?estate=alpha&month={month}&format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("summary", "volume", 1) in rows


@pytest.mark.django_db
def test_report_page_is_for_dispatchers_and_managers(world, web_as):
    assert web_as(world.users["technician"]).get("/staff/reports/repairs/").status_code == 403
    assert web_as(world.users["dispatcher"]).get("/staff/reports/repairs/").status_code == 200
