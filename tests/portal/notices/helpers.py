"""Building estate page trees and notices for the portal tests."""

from wagtail.models import Site

from portal.models import HomePage, NoticeIndexPage, NoticePage


def notice_board(estate) -> NoticeIndexPage:
    """The estate's home page (under the company home) and its notice board."""
    company = Site.objects.get(is_default_site=True).root_page
    home = company.add_child(instance=HomePage(title=estate.name, slug=estate.slug, estate_slug=estate.slug))
    return home.add_child(instance=NoticeIndexPage(title="公告", slug="notices"))


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
