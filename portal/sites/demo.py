"""The demo estate's page tree for `manage.py seed_demo`: its home (through ensure_estate_home) and one live
notice, so the home opens with news; the same on every run."""

from portal.notices.models import NoticeIndexPage, NoticePage
from residents.models import Estate

from .services import ensure_estate_home

DEMO_NOTICE_SLUG = "lift-maintenance"


def seed_sites_demo(*, estate_slug: str) -> None:
    home = ensure_estate_home(Estate.objects.get(slug=estate_slug))
    board = NoticeIndexPage.objects.child_of(home).first()
    if board is None or NoticePage.objects.child_of(board).filter(slug=DEMO_NOTICE_SLUG).exists():
        return
    notice = NoticePage(
        title="3号楼电梯维保通知",
        slug=DEMO_NOTICE_SLUG,
        kind=NoticePage.Kind.LIFT,
        body="<p>本周五 9:00–12:00 对3号楼电梯进行例行维保，期间请走楼梯，给您带来不便敬请谅解。</p>",
        live=False,
    )
    board.add_child(instance=notice)
    notice.save_revision().publish()  # as the admin does: its residents are told (after commit, by Celery)
