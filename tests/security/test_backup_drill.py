"""The backup and restore drill on real PostgreSQL (SECURITY.md §2g, §5.19): pg_dump and the media into a fresh
database and folder; migrations, row counts, checksums and every photo checked; the erasure ledger re-applied so
an erasure made after the backup stays done. And the drill failing loudly when the copy is not whole."""

import io
import json
import os
import tarfile
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from portal.backup import media, postgres
from portal.backup.drill import DUMP, TAR, discard, restore_and_verify, take_backup
from portal.backup.postgres import DrillError
from portal.backup.report import render
from repairs.models import WorkOrder, WorkOrderPhoto
from repairs.photos import work_order_photo_add
from repairs.services import Report, work_order_submit
from residents.models import User
from residents.mydata.models import DeletionRequest
from residents.mydata.services import deletion_request_create, deletion_request_erase
from tests.residents.mydata_helpers import PASSWORD, jpeg, resident_everywhere

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the drill runs pg_dump and pg_restore"),
    # real commits: pg_dump reads the database from another connection
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _quiet(monkeypatch, settings, tmp_path):
    """No messages to the suite's broker (these commits are real), and public media in a folder of this test."""
    monkeypatch.setattr("core.outbox._publish", lambda ids: None)
    monkeypatch.setattr("repairs.photos._queue_thumbnail", lambda photo_id: None)
    monkeypatch.setattr("committee.votes.services._queue_notices", lambda motion_id, kind: None)
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def target_db():
    """A database name of this test process (pytest-xdist runs two), dropped afterwards whatever happened."""
    name = f"linli_drill_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}"
    yield name
    with postgres.database_alias("drill_test_admin", connection.settings_dict["NAME"]) as admin:
        postgres.drop_database(admin, name)


def _order_with_photo(world, reporter):
    order = work_order_submit(
        actor=reporter, report=Report(trade="plumbing", description="卫生间漏水", unit_id=world.unit_a.pk)
    )
    return order, work_order_photo_add(order_id=order.pk, actor=reporter, data=jpeg(), kind="report")


def _in_restore(target_db):
    return postgres.database_alias("drill_test_restored", target_db)


def test_the_drill_restores_a_whole_copy_and_an_erasure_after_the_backup_stays_done(world, tmp_path, target_db):
    scene = resident_everywhere(world)
    _, kept = _order_with_photo(world, world.users["tenant"])
    asked = deletion_request_create(user=scene.owner, password=PASSWORD)
    take_backup(tmp_path / "backup")
    # after the nightly backup, the office carries out the resident's request
    deletion_request_erase(request_id=asked.pk, actor=world.users["manager"])
    erased_photo = scene.photo.image.name
    assert not scene.photo.image.storage.exists(erased_photo)

    report = restore_and_verify(tmp_path / "backup", target_db=target_db, media_dir=tmp_path / "restored")

    assert report.ok, render(report)
    assert report.rto is not None and report.rto > 0
    assert {check.key for check in report.checks} == {
        "restore", "media", "migrations", "counts", "checksums", "sequences", "files", "ledger",
    }  # fmt: skip
    assert len(report.manifest["tables"]) > 100 and report.manifest["tables"]["repairs_workorderphoto"]["rows"] >= 2
    files = report.manifest["files"]
    assert f"private\n{kept.image.name}" in files and f"private\n{erased_photo}" in files
    with _in_restore(target_db) as restored:
        # tables the erasure does not touch are identical to the live ones
        live, copy = postgres.fingerprints("default"), postgres.fingerprints(restored)
        for table in ("residents_estate", "residents_unit", "residents_building", "residents_trade"):
            assert copy[table] == live[table]
        # the kept photo is there, byte for byte; the erased one is not
        restored_kept = media.path_in(tmp_path / "restored" / "private", kept.image.name)
        assert media.sha256(restored_kept) == media.sha256(media.path_in(media.roots()["private"], kept.image.name))
        assert not (tmp_path / "restored" / "private" / erased_photo).exists()
        assert not WorkOrderPhoto.objects.using(restored).filter(image=erased_photo).exists()
        # the erased resident's data did not come back with the backup
        owner = User.objects.using(restored).get(pk=scene.owner.pk)
        assert owner.username == f"erased-{owner.pk}" and not owner.is_active and owner.email == ""
        assert DeletionRequest.objects.using(restored).get(pk=asked.pk).status == "erased"
        for needle in scene.values["texts"] + [scene.values["name"], scene.values["phone"]]:
            assert not _anywhere(restored, needle), needle
        # the sequence check looks at real sequences: one set back is reported
        assert postgres.sequences_behind(restored) == []
        with connections[restored].cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('repairs_workorder', 'id'), 1)")
        assert [line for line in postgres.sequences_behind(restored) if "repairs_workorder.id" in line]
    assert report.check("ledger").summary  # counted what it did
    assert report.check("files").problems == []


def _anywhere(alias: str, needle: str) -> list[str]:
    """Tables with a row whose text rendering contains the value."""
    found = []
    with connections[alias].cursor() as cursor:
        for table in postgres.fingerprints(alias):
            cursor.execute(
                f"SELECT 1 FROM {postgres.quote(table)} AS r WHERE strpos(r::text, %s) > 0 LIMIT 1",  # noqa: S608
                [needle],
            )
            if cursor.fetchone():
                found.append(table)
    return found


def _without(tar_path, member: str) -> None:
    """Rewrite the media tar leaving one file out (as if the backup had lost it)."""
    kept = tar_path.with_suffix(".kept")
    with tarfile.open(tar_path) as source, tarfile.open(kept, "w") as target:
        for info in source.getmembers():
            if info.name != member:
                target.addfile(info, source.extractfile(info) if info.isreg() else None)
    kept.replace(tar_path)


def test_the_drill_fails_loudly_when_a_restored_photo_is_missing(world, tmp_path, target_db):
    _, photo = _order_with_photo(world, world.users["owner"])
    call_command("backup_drill", backup_only=tmp_path / "backup")
    _without(tmp_path / "backup" / TAR, media.member("private", photo.image.name))

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("backup_drill", source=tmp_path / "backup", target_db=target_db, stdout=out)
    assert f"private/{photo.image.name}" in out.getvalue()
    assert "[FAIL]" in out.getvalue()


def test_the_drill_reports_a_row_that_differs_from_the_backup(world, tmp_path, target_db):
    order, _ = _order_with_photo(world, world.users["owner"])
    take_backup(tmp_path / "backup")
    # a dump that no longer matches its manifest: one row changed between the two
    WorkOrder.objects.filter(pk=order.pk).update(description="changed behind the manifest's back")
    (tmp_path / "backup" / DUMP).unlink()
    postgres.dump(connection.settings_dict, tmp_path / "backup" / DUMP)

    report = restore_and_verify(tmp_path / "backup", target_db=target_db, media_dir=tmp_path / "restored")

    assert not report.ok and report.rto is None
    assert report.check("counts").ok  # same number of rows …
    assert not report.check("checksums").ok  # … but not the same rows
    (problem,) = report.check("checksums").problems
    assert problem.startswith("repairs_workorder")  # names the table, in whichever language is active
    discard(report)
    assert not (tmp_path / "restored").exists()


def test_one_command_backs_up_restores_verifies_and_cleans_up(world, tmp_path, target_db):
    _order_with_photo(world, world.users["owner"])
    out = io.StringIO()
    call_command("backup_drill", target_db=target_db, workdir=tmp_path / "work", stdout=out)
    text = out.getvalue()
    assert target_db in text and "[FAIL]" not in text and text.count("[ OK ]") == 8
    assert not (tmp_path / "work" / "backup").exists() and not (tmp_path / "work" / "restored-media").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [target_db])
        assert cursor.fetchone()[0] == 0


def test_the_backup_manifest_carries_the_ledger_and_no_personal_data(world, tmp_path):
    scene = resident_everywhere(world)
    asked = deletion_request_create(user=scene.owner, password=PASSWORD)
    deletion_request_erase(request_id=asked.pk, actor=world.users["manager"])
    take_backup(tmp_path / "backup")
    manifest = (tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8")
    assert [row["user_id"] for row in json.loads(manifest)["ledger"]] == [scene.owner.pk]
    assert not [value for value in scene.values["texts"] + [scene.values["name"]] if value in manifest]


def test_the_drill_never_restores_over_or_drops_a_database_that_exists(world, tmp_path, target_db):
    take_backup(tmp_path / "backup")
    with postgres.database_alias("drill_test_admin", connection.settings_dict["NAME"]) as admin:
        postgres.create_database(admin, target_db)  # someone else's database, by bad luck of naming

    report = restore_and_verify(tmp_path / "backup", target_db=target_db, media_dir=tmp_path / "restored")
    assert not report.ok and [check.key for check in report.checks] == ["restore"]
    assert "already exists" in report.check("restore").problems[0]
    discard(report)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [target_db])
        assert cursor.fetchone()[0] == 1  # still there

    with pytest.raises(DrillError):
        restore_and_verify(
            tmp_path / "backup", target_db=connection.settings_dict["NAME"], media_dir=tmp_path / "restored"
        )


def test_an_older_backup_takes_the_ledger_of_a_newer_one(world, tmp_path, target_db):
    tenant = world.users["tenant"]
    take_backup(tmp_path / "older")
    newer = tmp_path / "newer"
    take_backup(newer)
    # the newer backup's ledger holds an erasure this (live) database has no entry for: the drill must use it
    manifest = json.loads((newer / "manifest.json").read_text(encoding="utf-8"))
    manifest["ledger"] = [
        {"user_id": tenant.pk, "person_id": tenant.person.pk, "deletion_request_id": None, "actor_id": None,
         "erased_at": "2026-03-01T02:00:00+00:00"},
    ]  # fmt: skip
    (newer / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    report = restore_and_verify(
        tmp_path / "older", target_db=target_db, media_dir=tmp_path / "restored", ledger_from=newer
    )

    assert report.ok, render(report)
    with _in_restore(target_db) as restored:
        assert User.objects.using(restored).get(pk=tenant.pk).username == f"erased-{tenant.pk}"
    assert User.objects.get(pk=tenant.pk).is_active  # the live database is not touched
