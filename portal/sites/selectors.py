"""Reads for the company home and the estate homes: which estates a person belongs to, and what an estate's
home shows them (urgent notices, the quick actions that apply to them, the latest news), in a fixed number of
queries whatever the numbers of notices, surveys and votes."""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.votes.models import Motion, RollEntry
from feedback.models import Survey
from portal.notices.models import NoticeIndexPage, NoticePage
from portal.notices.selectors import latest_notices, resident_estate_ids, urgent_notices
from residents import access

from .models import EstateHomePage

URGENT_SHOWN = 5
NEWS_SHOWN = 5


@dataclass(frozen=True)
class QuickAction:
    """A link on an estate home for something this person can do now; `count` is how many wait for them."""

    key: str
    label: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class EstateHomeView:
    """What one estate's home shows one reader."""

    urgent: list[NoticePage]
    actions: list[QuickAction]
    news: list[NoticePage]
    board: NoticeIndexPage | None


def estates_listed() -> list[EstateHomePage]:
    """The live estate homes, by estate name, with their estate: the company home's public list."""
    return list(EstateHomePage.objects.live().select_related("estate").order_by("estate__name", "pk"))


def homes_of(user, homes: list[EstateHomePage]) -> tuple[list[EstateHomePage], list[EstateHomePage]]:
    """Of the listed homes, those of the estates the user lives in, and those they read at all (residents, and
    staff and committee with notices.read; admins read every estate but belong to none)."""
    if not user.is_authenticated:
        return [], []
    lives = resident_estate_ids(user)
    reads = lives | (access.estate_ids_with(user, "notices.read") or set())
    return [h for h in homes if h.estate_id in lives], [h for h in homes if h.estate_id in reads]


def landing_home(user, homes: list[EstateHomePage]) -> EstateHomePage | None:
    """The estate home a signed-in person is taken to from the company home: the one estate they live in, when
    they belong to no other; None when they choose (several estates) or have none."""
    lives, reads = homes_of(user, homes)
    return lives[0] if len(lives) == 1 and len(reads) == 1 else None


def _resident_actions(user, estate_id: int) -> list[QuickAction]:
    now = timezone.now()
    surveys = Survey.objects.filter(
        recipient_id=user.pk, estate_id=estate_id, status=Survey.Status.INVITED, expires_at__gt=now
    ).count()
    votes = RollEntry.objects.filter(
        persons__user=user,
        motion__estate_id=estate_id,
        motion__status=Motion.Status.ANNOUNCED,
        motion__opens_at__lte=now,
        motion__closes_at__gt=now,
        ballot__isnull=True,
    ).count()
    actions = [QuickAction("repair", _("Report a repair"), reverse("repairs-new"))]
    if surveys:
        actions.append(QuickAction("survey", _("Answer a survey"), reverse("feedback-my-surveys"), surveys))
    if votes:
        actions.append(QuickAction("vote", _("Vote"), reverse("votes-mine"), votes))
    return actions


def _actions(user, home: EstateHomePage, lives_here: bool) -> list[QuickAction]:
    actions = _resident_actions(user, home.estate_id) if lives_here else []
    if access.can(user, "content.edit", home.estate_id):
        actions.append(
            QuickAction("edit", _("Edit this estate's pages"), reverse("wagtailadmin_explore", args=[home.pk]))
        )
    return actions


def estate_home_for(*, user, home: EstateHomePage) -> EstateHomeView:
    """The estate home as this reader sees it; Http404 for anyone who does not read the estate's pages
    (residents of the estate, its staff and committee with notices.read, admins)."""
    lives_here = home.estate_id in resident_estate_ids(user)
    if not (lives_here or access.can(user, "notices.read", home.estate_id)):
        raise Http404
    urgent = list(urgent_notices(home=home)[:URGENT_SHOWN])
    board = NoticeIndexPage.objects.child_of(home).live().first()
    return EstateHomeView(
        urgent=urgent,
        actions=_actions(user, home, lives_here),
        news=list(latest_notices(home=home)[:NEWS_SHOWN]),
        board=board,
    )
