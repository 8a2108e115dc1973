"""The erasure ledger: written with every erasure, holds no personal data, and re-applied to a restored backup
brings nothing back (SECURITY.md §2g, §5.18–19). On SQLite and PostgreSQL alike."""

import json
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import connection, models

from core.models import AuditEvent
from residents.models import User
from residents.mydata.ledger import (
    entries_from_rows,
    erasure_residue,
    ledger_entries,
    ledger_reapply,
    ledger_rows,
)
from residents.mydata.models import DeletionRequest, ErasureLedgerEntry
from residents.mydata.registry import NOT_PERSONAL
from residents.mydata.services import deletion_request_create, deletion_request_erase
from tests.residents.mydata_helpers import PASSWORD, resident_everywhere

pytestmark = pytest.mark.django_db

ERASED_AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def scene(world):
    return resident_everywhere(world)


def _needles(scene) -> list[str]:
    values = scene.values
    return [values["name"], values["username"], values["email"], values["phone"], *values["texts"]]


def _found_anywhere(needles) -> list[str]:
    """Where any of the values is still stored, in any text column of any model."""
    kinds = (models.CharField, models.TextField, models.JSONField)
    found = []
    for model in apps.get_models():
        columns = [field.attname for field in model._meta.concrete_fields if isinstance(field, kinds)]
        for row in models.QuerySet(model).values_list("pk", *columns):
            text = json.dumps(row[1:], ensure_ascii=False, default=str)
            found += [f"{model._meta.label}#{row[0]}: {needle}" for needle in needles if needle in text]
    return found


def _everything() -> dict:
    """Every row of every table, for proving that a step changed nothing."""
    return {
        model._meta.label: list(models.QuerySet(model).order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _erase_now(scene, staff, capture):
    asked = deletion_request_create(user=scene.owner, password=PASSWORD)
    with capture(execute=True):
        deletion_request_erase(request_id=asked.pk, actor=staff)
    return asked


def _restored_before_erasure(scene, staff) -> tuple[DeletionRequest, ErasureLedgerEntry]:
    """This database as a backup taken before the erasure has it (the request still open), and the entry the
    live database's ledger holds for the erasure carried out after that backup."""
    asked = deletion_request_create(user=scene.owner, password=PASSWORD)
    entry = ErasureLedgerEntry(
        user_id=scene.owner.pk,
        person_id=scene.owner.person.pk,
        deletion_request_id=asked.pk,
        actor_id=staff.pk,
        erased_at=ERASED_AT,
    )
    return asked, entry


def test_an_erasure_writes_one_ledger_entry_of_ids_and_time(scene, world, django_capture_on_commit_callbacks):
    manager = world.users["manager"]
    asked = _erase_now(scene, manager, django_capture_on_commit_callbacks)
    (entry,) = ErasureLedgerEntry.objects.all()
    assert (entry.user_id, entry.person_id, entry.deletion_request_id, entry.actor_id) == (
        scene.owner.pk,
        scene.owner.person.pk,
        asked.pk,
        manager.pk,
    )
    assert entry.erased_at is not None
    stored = json.dumps(ErasureLedgerEntry.objects.values().get(), default=str, ensure_ascii=False)
    assert not [needle for needle in _needles(scene) if needle in stored]


def test_the_ledger_holds_only_ids_and_a_time_and_is_registered_as_not_personal():
    fields = {field.name: field for field in ErasureLedgerEntry._meta.concrete_fields}
    assert all(isinstance(field, models.BigIntegerField | models.DateTimeField) for field in fields.values())
    assert {"user_id", "person_id", "actor_id"} <= {key.rsplit(".", 1)[1] for key in NOT_PERSONAL if "Ledger" in key}


def test_a_failed_erasure_leaves_no_ledger_entry(scene, world, monkeypatch):
    asked = deletion_request_create(user=scene.owner, password=PASSWORD)

    def refuse(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr("residents.mydata.services.audit_record", refuse)
    with pytest.raises(RuntimeError):
        deletion_request_erase(request_id=asked.pk, actor=world.users["manager"])
    assert not ErasureLedgerEntry.objects.exists()
    assert User.objects.get(pk=scene.owner.pk).is_active


def test_ledger_entries_refuse_changes(world):
    entry = ErasureLedgerEntry.objects.create(user_id=1, person_id=1)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        ErasureLedgerEntry.objects.all().update(user_id=2)
    with pytest.raises(PermissionError):
        ErasureLedgerEntry.objects.all().delete()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_changes_to_the_ledger_below_the_model(world):
    from django.db import DatabaseError, transaction

    ErasureLedgerEntry.objects.create(user_id=1, person_id=1)
    for statement in (
        "UPDATE residents_erasureledgerentry SET user_id = 2",
        "DELETE FROM residents_erasureledgerentry",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


def test_reapplying_erases_a_resident_restored_from_before_their_erasure(
    scene, world, django_capture_on_commit_callbacks
):
    asked, entry = _restored_before_erasure(scene, world.users["manager"])
    storage, image = scene.photo.image.storage, scene.photo.image.name
    assert erasure_residue(entry)  # the restored copy still holds them

    with django_capture_on_commit_callbacks(execute=True):
        done = ledger_reapply([entry], using="default")

    assert (done.erased, done.already, done.absent, done.recorded) == ([scene.owner.pk], [], [], 1)
    assert erasure_residue(entry) == []
    assert _found_anywhere(_needles(scene)) == []
    assert not storage.exists(image) and (storage, image) in done.files
    user = User.objects.get(pk=scene.owner.pk)
    assert not user.is_active and not user.has_usable_password()
    decided = DeletionRequest.objects.get(pk=asked.pk)
    assert (decided.status, decided.decided_at, decided.decided_by) == ("erased", ERASED_AT, world.users["manager"])
    copied = ErasureLedgerEntry.objects.get()
    assert (copied.user_id, copied.deletion_request_id, copied.erased_at) == (scene.owner.pk, asked.pk, ERASED_AT)
    assert AuditEvent.objects.filter(action="mydata.erasure_reapplied", detail__subject_user_id=scene.owner.pk).exists()


def test_reapplying_the_same_ledger_again_changes_nothing(scene, world, django_capture_on_commit_callbacks):
    _, entry = _restored_before_erasure(scene, world.users["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        ledger_reapply([entry], using="default")
    before = _everything()
    with django_capture_on_commit_callbacks(execute=True):
        again = ledger_reapply(ledger_entries() + [entry], using="default")
    assert again.erased == [] and again.recorded == 0
    assert _everything() == before


def test_reapplying_to_the_database_that_erased_changes_nothing(scene, world, django_capture_on_commit_callbacks):
    _erase_now(scene, world.users["manager"], django_capture_on_commit_callbacks)
    before = _everything()
    with django_capture_on_commit_callbacks(execute=True):
        done = ledger_reapply(ledger_entries(), using="default")
    assert (done.erased, done.already, done.recorded) == ([], [scene.owner.pk], 0)
    assert _everything() == before


def test_an_account_the_restore_never_had_is_recorded_in_its_ledger_only(world):
    missing = ErasureLedgerEntry(user_id=987654, person_id=876543, erased_at=ERASED_AT)
    done = ledger_reapply([missing], using="default")
    assert (done.erased, done.absent, done.recorded) == ([], [987654], 1)
    assert ErasureLedgerEntry.objects.filter(user_id=987654, erased_at=ERASED_AT).exists()


def test_ledger_rows_round_trip_as_plain_values(world):
    ErasureLedgerEntry.objects.create(user_id=5, person_id=6, deletion_request_id=7, actor_id=8, erased_at=ERASED_AT)
    rows = json.loads(json.dumps(ledger_rows(ledger_entries())))
    (back,) = entries_from_rows(rows)
    assert (back.user_id, back.person_id, back.deletion_request_id, back.actor_id, back.erased_at) == (
        5,
        6,
        7,
        8,
        ERASED_AT,
    )
