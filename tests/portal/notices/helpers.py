"""Building estate page trees and notices for the portal tests."""

from portal.models import NoticeIndexPage, NoticePage
from portal.sites.services import ensure_estate_home


def notice_board(estate) -> NoticeIndexPage:
    """The notice board of the estate's home page (under the company home), made as every estate tree is."""
    return NoticeIndexPage.objects.child_of(ensure_estate_home(estate)).get()


def notice_draft(board, *, title, body="<p>请留意。</p>", buildings=(), **fields) -> NoticePage:
    """A notice saved as a draft (not live) on the board."""
    notice = NoticePage(title=title, body=body, live=False, **fields)
    notice.target_buildings = list(buildings)
    board.add_child(instance=notice)
    return notice


def notice_publish(notice, user=None) -> NoticePage:
    """Publish the notice's latest state as Wagtail's admin does (a revision, then publish: the signal fires)."""
    notice.save_revision(user=user).publish(user=user)
    notice.refresh_from_db()
    return notice


def published_notice(board, *, title, **fields) -> NoticePage:
    return notice_publish(notice_draft(board, title=title, **fields))
