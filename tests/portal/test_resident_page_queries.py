"""The pages a resident sees most run a fixed number of queries, the same for 1 or 20 of everything they show
(issue 6, "Quality of the pages"). Timings are measured by benchmarks/resident_pages.py, never asserted here.

The resident signs in as residents do (no two-factor device: that check and its queries are for staff)."""

import pytest
from django.utils import timezone

from core.models import Notification
from portal.models import NoticePage
from tests.portal.notices.helpers import notice_board
from tests.residents.factories import BuildingFactory, OccupancyFactory, UnitClaimFactory, UnitFactory
from tests.residents.test_my_home import _complain, _report

pytestmark = pytest.mark.django_db

# session, user, the user's homes (remembered for the request), estate roles, then each page's own
QUERIES = {
    "home": 16,  # Wagtail route (site, a page per level, aliases, restrictions), estate, urgent, actions, news
    "me": 17,  # homes, household, units, consents, privacy notice, 6 panels, site (notice links), claims, messages
    "repairs": 6,  # count and page of the requests
    "notice": 18,  # Wagtail's route, the estate, the reader's estates, the read receipt, target buildings
}


def _live_notice(board, title, buildings):
    """A live urgent notice, saved as live at once (publishing through revisions would slow the test 5×)."""
    notice = NoticePage(
        title=title, body="<p>请提前储水。</p>", urgent=True, live=True, first_published_at=timezone.now()
    )
    notice.target_buildings = buildings
    return board.add_child(instance=notice)


def _fill(world, n: int) -> dict:
    """n of everything the owner of unit A sees: urgent notices, requests, complaints, household members,
    claims and messages; the estate's home page and one notice to visit."""
    board = notice_board(world.estate_a)
    buildings = [BuildingFactory(estate=world.estate_a, name=f"{i + 2}号楼") for i in range(n)]
    notices = [_live_notice(board, f"停水通知{i}", buildings) for i in range(n)]
    owner = world.users["owner"]
    for i in range(n):
        _report(world, i), _complain(world, i)
        OccupancyFactory(unit=world.unit_a, kind="household")
        UnitClaimFactory(person=owner.person, unit=UnitFactory(building=world.unit_a.building, number=f"9{i:03d}"))
        Notification.objects.create(recipient=owner, event_key=f"test-{i}", subject=f"消息{i}")
    return {"home": board.get_parent().url, "me": "/me/", "repairs": "/repairs/", "notice": notices[0].url}


@pytest.mark.parametrize("n", [1, 20])
def test_resident_pages_run_a_fixed_number_of_queries(world, client, django_assert_num_queries, n):
    paths = _fill(world, n)
    client.force_login(world.users["owner"], backend="residents.auth_backends.PhoneOrEmailBackend")
    for page, expected in QUERIES.items():
        assert client.get(paths[page]).status_code == 200  # warm-up: the session's first write, Wagtail's caches
        with django_assert_num_queries(expected):
            response = client.get(paths[page])
        assert response.status_code == 200, page
