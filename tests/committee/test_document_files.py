import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.documents import files
from tests.committee.files_helpers import PDF, picture, xlsx


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("fees.pdf", PDF, "pdf"), ("accounts.xlsx", xlsx(), "xlsx"), ("notice.png", picture(), "jpeg"),
     ("scan.JPG", picture("JPEG"), "jpeg")],
    ids=["pdf", "xlsx", "png", "jpg"],  # the workbook's bytes carry a timestamp: xdist workers must agree on ids
)  # fmt: skip
def test_clean_accepts_pdf_xlsx_and_pictures(name, data, kind):
    assert files.clean(name, data).kind == kind


def test_clean_reencodes_pictures_as_jpeg_named_jpg():
    clean = files.clean("notice.png", picture())
    assert clean.data.startswith(b"\xff\xd8\xff") and clean.name == "notice.jpg"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.pdf", b"", "empty"),
        ("page.html", b"<html><script>alert(1)</script>", "bad_type"),
        ("noext", PDF, "bad_type"),
        ("fees.pdf", b"<html>not a pdf</html>", "mismatch"),
        ("notice.jpg", PDF, "mismatch"),
        ("fees.pdf", picture(), "mismatch"),
        ("fees.pdf", b"%PDF-1.4 truncated", "damaged"),
        ("sheet.xlsx", b"PK\x03\x04garbage", "damaged"),
        ("notice.png", picture()[:40], "damaged"),
    ],
)
def test_clean_refuses_bad_files_with_a_reason(name, data, code):
    with pytest.raises(files.BadFile) as caught:
        files.clean(name, data)
    assert caught.value.code == code and str(caught.value.message)


def test_clean_refuses_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hi")
    with pytest.raises(files.BadFile, match="damaged"):
        files.clean("sheet.xlsx", out.getvalue())


def test_clean_refuses_a_workbook_with_macros():
    source = zipfile.ZipFile(io.BytesIO(xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(files.BadFile, match="macros"):
        files.clean("sheet.xlsx", out.getvalue())


def test_clean_refuses_a_workbook_that_unpacks_too_far():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", b"\x00" * (files.MAX_UNPACKED + 1))
    with pytest.raises(files.BadFile, match="damaged"):
        files.clean("bomb.xlsx", out.getvalue())


def test_clean_refuses_files_over_the_size_limit():
    with pytest.raises(files.BadFile, match="too_large"):
        files.clean("big.pdf", PDF + b"\x00" * files.MAX_BYTES)


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\x\\fees.pdf", "fees.pdf"), ("evil\u202egpj.pdf", "evilgpj.pdf"),
     ("nul\x00.pdf", "nul.pdf")],
)  # fmt: skip
def test_safe_name_drops_folders_and_control_characters(name, safe):
    assert files.safe_name(name) == safe


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.pdf", "a.xlsx", "a.png", "a.jpg", "a.exe"]))
def test_clean_never_fails_other_than_with_bad_file(data, name):
    try:
        files.clean(name, data)
    except files.BadFile:
        pass
