"""Bulk import of the registry: reading files, every bad row reported, all or nothing, and its three doors."""

import io
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import timezone, translation

from core.errors import Conflict, NotPermitted
from core.models import AuditEvent
from residents.importer import plan as import_plan
from residents.importer import registry_import
from residents.models import Building, Estate, Ownership, Person, Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"  # the messages asserted below are the English source strings


HEADER = "estate_slug,estate_name,building,unit,floor,area,use,owner_name,owner_phone,owner_email,share"
HEADER_ZH = "小区代码,小区名称,楼栋,房号,楼层,面积,用途,业主姓名,业主电话,业主邮箱,份额"
GOOD = (
    "alpha,甲小区,2号楼,0101,1,88.5,residential,王芳,13800138001,,",
    "alpha,甲小区,2号楼,0102,1,90,住宅,,,,",
    "alpha,甲小区,2号楼,0201,2,120.25,commercial,李雷,,lilei@example.com,0.5",
)


def csv_bytes(*lines, header=HEADER, encoding="utf-8"):
    return "\n".join([header, *lines]).encode(encoding)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def run(actor, content, *, dry_run=False, file_name="registry.csv", **kwargs):
    return registry_import(actor=actor, file_name=file_name, content=content, dry_run=dry_run, **kwargs)


def problems(report):
    return [(error.line, error.field) for error in report.errors]


def registry_counts():
    return [model.objects.count() for model in (Estate, Building, Unit, User, Person, Ownership)]


# --- happy paths --------------------------------------------------------------------------------------------


def test_registry_import_csv_creates_units_and_verified_owners(world):
    manager = world.users["manager"]
    report = run(manager, csv_bytes(*GOOD))
    assert report.ok and report.imported and (report.rows, report.rows_ok) == (3, 3)
    assert (report.counts.buildings, report.counts.units, report.counts.people, report.counts.ownerships) == (
        1,
        3,
        2,
        2,
    )
    unit = Unit.objects.get(building__name="2号楼", number="0201")
    assert (unit.estate, unit.floor, unit.area, unit.use) == (world.estate_a, 2, Decimal("120.25"), "commercial")
    ownership = Ownership.objects.get(person__user__phone="+8613800138001")
    assert ownership.verified_by == manager and ownership.verified_at is not None
    assert (ownership.start, ownership.share) == (timezone.localdate(), Decimal(1))
    owner = User.objects.get(email="lilei@example.com")
    assert not owner.has_usable_password() and owner.person.full_name == "李雷"
    assert owner.person.channels == ["in_app", "email"]


def test_registry_import_writes_one_audit_row_with_counts_and_no_personal_data(world):
    run(world.users["manager"], csv_bytes(*GOOD))
    event = AuditEvent.objects.get(action="registry.imported")
    assert event.actor == world.users["manager"] and event.estate_id == world.estate_a.pk
    assert event.detail["units"] == 3 and event.detail["ownerships"] == 2
    assert "13800138001" not in str(event.detail) and "李雷" not in str(event.detail)


def test_registry_import_xlsx_with_chinese_headers_and_typed_cells(world):
    rows = [
        HEADER_ZH.split(",") + ["起始日期"],
        ["gamma", "丙小区", "1栋", "0301", 3, 95.3, "车位", "张伟", 13800138002, None, 1, datetime(2023, 5, 1)],
        ["gamma", "丙小区", "1栋", "0302", 3.0, 60, "商业", None, None, None, None, None],
    ]
    report = run(world.users["admin"], xlsx_bytes(rows), file_name="登记.XLSX")
    assert report.imported, report.errors
    assert Estate.objects.get(slug="gamma").name == "丙小区"
    unit = Unit.objects.get(estate__slug="gamma", number="0301")
    assert (unit.floor, unit.area, unit.use) == (3, Decimal("95.30"), "parking")
    ownership = unit.ownerships.get()
    assert ownership.start == date(2023, 5, 1) and ownership.person.user.phone == "+8613800138002"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_registry_import_reads_gbk_and_bom_csv(world, encoding):
    content = csv_bytes("alpha,甲小区,三号楼,0101,1,88,住宅,陈静,13800138003,,", header=HEADER_ZH, encoding=encoding)
    report = run(world.users["manager"], content)
    assert report.imported, report.errors
    assert Person.objects.filter(full_name="陈静", ownerships__unit__building__name="三号楼").exists()


def test_registry_import_dry_run_reports_counts_and_writes_nothing(world):
    before = registry_counts()
    report = run(world.users["manager"], csv_bytes(*GOOD), dry_run=True)
    assert report.ok and not report.imported and report.counts.units == 3
    assert registry_counts() == before
    assert not AuditEvent.objects.filter(action="registry.imported").exists()


def test_registry_import_twice_leaves_the_registry_as_it_is(world):
    run(world.users["manager"], csv_bytes(*GOOD))
    before = registry_counts()
    report = run(world.users["manager"], csv_bytes(*GOOD))
    assert report.imported and report.counts.unchanged_units == 3
    assert (report.counts.units, report.counts.people, report.counts.ownerships) == (0, 0, 0)
    assert registry_counts() == before


def test_registry_import_matches_existing_owners_by_phone_then_email(world):
    owner, tenant = world.users["owner"], world.users["tenant"]
    content = csv_bytes(
        f"alpha,甲小区,2号楼,0101,1,88,residential,Any name,{owner.phone},,",
        f"alpha,甲小区,2号楼,0102,1,88,residential,Any name,,{tenant.email.upper()},",
    )
    report = run(world.users["manager"], content)
    assert report.imported and report.counts.people == 0
    assert {o.person.user for o in Ownership.objects.filter(unit__building__name="2号楼")} == {owner, tenant}
    assert owner.person.full_name != "Any name"  # existing people are left as they are


def test_registry_import_one_new_owner_of_several_units_gets_one_account(world):
    content = csv_bytes(
        "alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,wf@example.com,",
        "alpha,甲小区,2号楼,0102,1,88,residential,王芳,,WF@example.com,",
        "alpha,甲小区,2号楼,0103,1,88,residential,王芳,13800138001,,",
    )
    report = run(world.users["manager"], content)
    assert report.imported and report.counts.people == 1 and report.counts.ownerships == 3


def test_registry_import_several_owners_of_one_unit(world):
    content = csv_bytes(
        "alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,0.5",
        "alpha,甲小区,2号楼,0101,1,88,residential,李雷,13800138002,,0.5",
    )
    report = run(world.users["manager"], content)
    assert report.imported and report.counts.units == 1 and report.counts.ownerships == 2


# --- bad rows: all reported, nothing written ------------------------------------------------------------


def test_registry_import_one_bad_row_among_good_ones_writes_nothing_and_reports_every_bad_row(world):
    before = registry_counts()
    content = csv_bytes(
        GOOD[0],
        "alpha,甲小区,2号楼,0103,1,0,residential,,,,",  # line 3: area 0
        "",  # line 4: blank lines count, as in Excel
        GOOD[1],
        "alpha,甲小区,2号楼,0104,3F,88,residential,赵六,12345,,",  # line 6: floor and phone
        "alpha,甲小区,2号楼,0105,1,abc,office,,,,",  # line 7: area and use
        GOOD[2],
    )
    report = run(world.users["manager"], content)
    assert problems(report) == [(3, "area"), (6, "floor"), (6, "owner_phone"), (7, "area"), (7, "use")]
    assert not report.ok and not report.imported and (report.rows, report.rows_ok) == (6, 3)
    assert registry_counts() == before


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("alpha,甲小区,2号楼,0101,1,-5,residential,,,,", "area", "greater than 0"),
        ("alpha,甲小区,2号楼,0101,1,88.123,residential,,,,", "area", "2 after the decimal point"),
        ("alpha,甲小区,2号楼,0101,1.5,88,residential,,,,", "floor", "whole number"),
        ("alpha,甲小区,2号楼,0101,1,88,villa,,,,", "use", "residential, commercial or parking"),
        ("alpha,甲小区,,0101,1,88,residential,,,,", "building", "required"),
        ("alpha,甲小区,2号楼,,1,88,residential,,,,", "unit", "required"),
        ("al pha,甲小区,2号楼,0101,1,88,residential,,,,", "estate_slug", "“slug”"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,王芳,not-a-phone,,", "owner_phone", "not a phone number"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,王芳,,not-an-email,", "owner_email", "email address"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,1.5", "share", "at most 1"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,0", "share", "greater than 0"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,,13800138001,,", "owner_name", "name"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,王芳,,,", "owner_phone", "phone number or email"),
        ("alpha,甲小区,2号楼,0101,1,88,residential,,,,,extra", "", "column the header does not name"),
        ("alpha,甲小区,1号楼,0101,9,88,residential,,,,", "floor", "already registered on floor 3"),
        ("alpha,甲小区,1号楼,0101,3,90,residential,,,,", "area", "already registered with a different area"),
        ("alpha,甲小区,1号楼,0101,3,88,parking,,,,", "use", "already registered with a different use"),
        ("beta,乙小区,2号楼,0101,1,88,residential,,,,", "estate_slug", "estates you manage"),
        ("delta,丁小区,2号楼,0101,1,88,residential,,,,", "estate_slug", "estates you manage"),
    ],
)
def test_registry_import_names_the_field_and_the_reason_of_a_bad_row(world, line, field, message):
    report = run(world.users["manager"], csv_bytes(GOOD[0], line))
    assert problems(report) == [(3, field)]
    assert message in report.errors[0].message
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_registry_import_reports_a_unit_twice_in_the_file(world):
    content = csv_bytes(GOOD[1], GOOD[0], GOOD[1].replace(",,,,", ",王芳,13800138001,,"))
    report = run(world.users["manager"], content)
    assert problems(report) == [(4, "unit")]
    assert "line 2" in report.errors[0].message


def test_registry_import_reports_one_unit_with_different_areas_in_the_file(world):
    content = csv_bytes(GOOD[0], GOOD[0].replace("88.5", "89").replace("13800138001", "13800138002"))
    assert problems(run(world.users["manager"], content)) == [(3, "area")]


def test_registry_import_refuses_owner_shares_over_one(world):
    content = csv_bytes(
        "alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,0.6",
        "alpha,甲小区,2号楼,0101,1,88,residential,李雷,13800138002,,0.5",
        "alpha,甲小区,1号楼,0101,3,88,residential,张伟,13800138003,,0.5",  # unit A already has a whole owner
    )
    report = run(world.users["manager"], content)
    assert problems(report) == [(3, "share"), (4, "share")]
    assert not Ownership.objects.filter(person__full_name="张伟").exists()


def test_registry_import_refuses_the_same_owner_twice_for_a_unit(world):
    row = "alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,0.5"
    assert problems(run(world.users["manager"], csv_bytes(row, row))) == [(3, "owner_name")]


def test_registry_import_refuses_a_phone_and_an_email_of_different_people(world):
    owner, tenant = world.users["owner"], world.users["tenant"]
    content = csv_bytes(f"alpha,甲小区,2号楼,0101,1,88,residential,王芳,{owner.phone},{tenant.email},")
    assert problems(run(world.users["manager"], content)) == [(2, "owner_email")]


def test_registry_import_refuses_a_new_owner_named_differently_on_two_rows(world):
    content = csv_bytes(
        "alpha,甲小区,2号楼,0101,1,88,residential,王芳,13800138001,,",
        "alpha,甲小区,2号楼,0102,1,88,residential,王方,13800138001,,",
    )
    report = run(world.users["manager"], content)
    assert problems(report) == [(3, "owner_name")] and "Line 2" in report.errors[0].message


def test_registry_import_new_estate_needs_an_admin_and_a_name(world):
    row = "gamma,,1栋,0101,1,88,residential,,,,"
    assert problems(run(world.users["admin"], csv_bytes(row))) == [(2, "estate_name")]
    assert problems(run(world.users["manager"], csv_bytes(row))) == [(2, "estate_slug")]
    assert not Estate.objects.filter(slug="gamma").exists()


def test_registry_import_admin_imports_into_any_estate(world):
    report = run(world.users["admin"], csv_bytes("beta,乙小区,2号楼,0101,1,88,residential,,,,"))
    assert report.imported and Unit.objects.filter(estate=world.estate_b, building__name="2号楼").exists()


def test_registry_import_reports_header_problems_on_line_one(world):
    content = csv_bytes(GOOD[0], header=HEADER.replace("area", "size"))
    report = run(world.users["manager"], content)
    assert problems(report) == [(1, "size"), (1, "area")]
    assert report.rows == 1 and report.rows_ok == 0


def test_registry_import_needs_the_import_capability(world):
    with pytest.raises(NotPermitted):
        run(world.users["dispatcher"], csv_bytes(*GOOD), dry_run=True)


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("registry.xls", b"whatever", ".csv or .xlsx"),
        ("registry.txt", csv_bytes(*GOOD), ".csv or .xlsx"),
        ("registry.csv", xlsx_bytes([HEADER.split(",")]), "not a CSV text file"),
        ("registry.xlsx", csv_bytes(*GOOD), "not an Excel .xlsx workbook"),
        ("registry.csv", b"", "empty"),
        ("registry.csv", HEADER.encode(), "no rows"),
        ("registry.csv", "estate_slug,名称".encode("utf-16"), "not a CSV text file"),  # Excel "Unicode text"
    ],
    # Explicit ids: a workbook embeds its creation time, and pytest-xdist needs the same ids in every worker.
    ids=["xls", "txt", "xlsx-as-csv", "csv-as-xlsx", "empty", "header-only", "utf-16"],
)
def test_registry_import_refuses_unknown_formats_naming_the_file_field(world, file_name, content, message):
    with pytest.raises(ValidationError) as exc:
        run(world.users["manager"], content, file_name=file_name)
    assert message in exc.value.message_dict["file"][0]


def test_registry_import_refuses_a_file_over_the_size_limit(world, settings):
    settings.LINLI_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        run(world.users["manager"], csv_bytes(*GOOD))
    assert "larger than" in exc.value.message_dict["file"][0]


def test_registry_import_a_concurrent_change_answers_conflict_and_writes_nothing(world, monkeypatch):
    check = import_plan.Plan.check

    def check_then_race(plan, rows, progress=None):
        check(plan, rows, progress)
        Unit.objects.create(estate=world.estate_a, building=world.unit_a.building, number="0999", floor=1, area=1)
        Building.objects.create(estate=world.estate_a, name="2号楼")  # another import won the race

    monkeypatch.setattr(import_plan.Plan, "check", check_then_race)
    with pytest.raises(Conflict):
        run(world.users["manager"], csv_bytes(*GOOD))
    assert not Unit.objects.filter(building__name="2号楼").exists() and not User.objects.filter(
        email="lilei@example.com"
    )


def test_registry_import_reports_progress(world):
    seen = []
    run(world.users["manager"], csv_bytes(*GOOD), dry_run=True, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_registry_import_500_rows_runs_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    lines = [
        f"alpha,甲小区,{n // 100}栋,{n:04d},{n % 30},88.5,residential,业主{n},1380013{n:04d},," for n in range(500)
    ]
    with django_assert_max_num_queries(20):  # 14 on SQLite: reads, then one insert per table
        report = run(world.users["manager"], csv_bytes(*lines))
    assert report.imported and report.counts.units == 500 and report.counts.ownerships == 500


def test_registry_import_is_all_or_nothing_even_if_a_write_fails(world, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Ownership.objects, "bulk_create", fail)
    with pytest.raises(Conflict):
        run(world.users["manager"], csv_bytes(*GOOD))
    assert not Unit.objects.filter(building__name="2号楼").exists()


# --- the management command ----------------------------------------------------------------------------


@pytest.fixture
def registry_file(tmp_path):
    def write(*lines):
        path = tmp_path / "registry.csv"
        path.write_bytes(csv_bytes(*lines))
        return str(path)

    return write


def test_import_registry_command_dry_run_prints_every_bad_row_and_fails(world, registry_file):
    path = registry_file(
        GOOD[0], "alpha,甲小区,2号楼,0103,1,0,residential,,,,", "beta,乙小区,2号楼,0101,1,88,residential,,,,"
    )
    stderr = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_registry", path, actor=world.users["manager"].username, dry_run=True, stderr=stderr)
    output = stderr.getvalue()
    assert "line 3: area: The area must be greater than 0." in output and "line 4: estate_slug:" in output


def test_import_registry_command_dry_run_then_import(world, registry_file):
    path, actor = registry_file(*GOOD), world.users["manager"].username
    stdout = StringIO()
    call_command("import_registry", path, "--dry-run", "--actor", actor, stdout=stdout)
    assert "dry run" in stdout.getvalue() and not Unit.objects.filter(building__name="2号楼").exists()
    call_command("import_registry", path, "--actor", actor, stdout=stdout, verbosity=0)
    assert Unit.objects.filter(building__name="2号楼").count() == 3


@pytest.mark.parametrize("actor", ["nobody", "dispatcher"])
def test_import_registry_command_refuses_unknown_or_unentitled_actors(world, registry_file, actor):
    username = world.users[actor].username if actor in world.users else actor
    with pytest.raises(CommandError):
        call_command("import_registry", registry_file(*GOOD), actor=username, stdout=StringIO())
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_import_registry_command_refuses_a_missing_file(world, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_registry", str(tmp_path / "none.csv"), actor=world.users["manager"].username)


# --- the API -------------------------------------------------------------------------------------------


def upload(content=None, name="registry.csv"):
    return SimpleUploadedFile(name, csv_bytes(*GOOD) if content is None else content)


def test_api_staff_imports_dry_run_answers_the_report(world, api_as):
    response = api_as(world.users["manager"]).post(
        "/api/v1/staff/imports/", {"file": upload(), "dry_run": "true"}, format="multipart"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["dry_run"] and not body["imported"] and body["counts"]["units"] == 3
    assert body["errors"] == [] and not Unit.objects.filter(building__name="2号楼").exists()


def test_api_staff_imports_imports(world, api_as):
    response = api_as(world.users["manager"]).post("/api/v1/staff/imports/", {"file": upload()}, format="multipart")
    assert response.status_code == 200 and response.json()["imported"]
    assert Unit.objects.filter(building__name="2号楼").count() == 3


def test_api_staff_imports_refuses_bad_rows_with_400_and_the_report(world, api_as):
    content = csv_bytes(GOOD[0], "alpha,甲小区,2号楼,0103,1,0,residential,,,,")
    response = api_as(world.users["manager"]).post(
        "/api/v1/staff/imports/", {"file": upload(content), "dry_run": "false"}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert not body["ok"] and not body["imported"]
    assert body["errors"] == [{"line": 3, "field": "area", "message": "The area must be greater than 0."}]
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_api_staff_imports_dry_run_with_bad_rows_answers_200(world, api_as):
    content = csv_bytes("alpha,甲小区,2号楼,0103,1,0,residential,,,,")
    response = api_as(world.users["manager"]).post(
        "/api/v1/staff/imports/", {"file": upload(content), "dry_run": "true"}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["ok"] is False


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (lambda: {}, "file"),
        (lambda: {"file": upload(), "dry_run": "maybe"}, "dry_run"),
        (lambda: {"file": upload(b"x", "registry.xls")}, "file"),
    ],
    ids=["no file", "bad dry_run", "xls file"],
)
def test_api_staff_imports_names_a_bad_field(world, api_as, data, field):
    response = api_as(world.users["manager"]).post("/api/v1/staff/imports/", data(), format="multipart")
    assert response.status_code == 400 and field in response.json()["errors"]
    assert not Unit.objects.filter(building__name="2号楼").exists()


@pytest.mark.parametrize(("role", "status"), [("dispatcher", 403), ("owner", 403), (None, 401)])
def test_api_staff_imports_refuses_those_without_the_capability(world, api_as, role, status):
    user = world.users[role] if role else None
    response = api_as(user).post("/api/v1/staff/imports/", {"file": upload()}, format="multipart")
    assert response.status_code == status
    assert not Unit.objects.filter(building__name="2号楼").exists()


# --- the staff page ------------------------------------------------------------------------------------


def test_staff_import_page_dry_run_shows_the_bad_rows(world, web_as):
    content = csv_bytes(GOOD[0], "alpha,甲小区,2号楼,0103,1,0,residential,,,,")
    response = web_as(world.users["manager"]).post("/staff/import/", {"file": upload(content), "dry_run": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<td>3</td>" in page and "The area must be greater than 0." in page
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_staff_import_page_refuses_a_real_import_with_bad_rows(world, web_as):
    content = csv_bytes(GOOD[0], "alpha,甲小区,2号楼,0103,1,0,residential,,,,")
    response = web_as(world.users["manager"]).post("/staff/import/", {"file": upload(content)})
    assert response.status_code == 400 and "The area must be greater than 0." in response.content.decode()
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_staff_import_page_imports_and_redirects(world, web_as):
    client = web_as(world.users["manager"])
    assert client.get("/staff/import/").status_code == 200
    response = client.post("/staff/import/", {"file": upload()})
    assert response.status_code == 302 and response["Location"] == "/staff/import/"
    assert Unit.objects.filter(building__name="2号楼").count() == 3


def test_staff_import_page_shows_a_bad_file_next_to_the_field(world, web_as):
    response = web_as(world.users["manager"]).post("/staff/import/", {"file": upload(b"x", "registry.xls")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Upload a .csv or .xlsx file."]


def test_staff_import_page_refuses_staff_without_the_capability(world, web_as):
    response = web_as(world.users["dispatcher"]).post("/staff/import/", {"file": upload()})
    assert response.status_code == 403
    assert not Unit.objects.filter(building__name="2号楼").exists()


def test_staff_import_page_sends_anonymous_visitors_to_sign_in(world, client):
    response = client.get("/staff/import/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_dashboard_links_to_the_import_for_managers_only(world, web_as):
    assert "/staff/import/" in web_as(world.users["manager"]).get("/staff/").content.decode()
    assert "/staff/import/" not in web_as(world.users["dispatcher"]).get("/staff/").content.decode()


def test_registry_import_messages_follow_the_active_language(world):
    with translation.override("zh-hans"):
        report = run(world.users["manager"], csv_bytes("al pha,甲小区,2号楼,0101,1,88,residential,,,,"))
    assert report.errors[0].message == "输入由字母，数字，下划线或连字符号组成的有效“字段”。"  # Django's own catalog
