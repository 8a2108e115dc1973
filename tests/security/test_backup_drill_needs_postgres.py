"""The drill says plainly that it needs PostgreSQL instead of failing somewhere inside pg_dump."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL the drill runs (test_backup_drill)"),
    pytest.mark.django_db,
]


def test_the_drill_refuses_sqlite_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup_drill", workdir=tmp_path)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup_drill", backup_only=tmp_path / "backup")
