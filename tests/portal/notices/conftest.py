import pytest

from tests.portal.notices.helpers import notice_board


@pytest.fixture
def boards(world):
    """Notice boards of estate A and estate B (under their home pages)."""
    return {"a": notice_board(world.estate_a), "b": notice_board(world.estate_b)}


@pytest.fixture
def eager():
    """Tasks queued with .delay run at once, in this process (the real task functions)."""
    from portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
