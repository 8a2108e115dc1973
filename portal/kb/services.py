"""Recording how residents use self-help articles: opening one, and saying it solved the problem (a deflection:
no repair report needed) or did not help. One row per article, person and local day (ArticleVisit)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotPermitted

from .models import ArticlePage, ArticleVisit
from .selectors import article_for_reader, home_of, resident_estates

FROM_REPAIR_FORM = "repair-form"  # ?from= on links from the repair form, source= on answers given there


def _counted_estate(user, article: ArticlePage, hint: int | None) -> int | None:
    """The resident's estate a use counts for: the article's own, or for a company article the estate named by
    the page the resident came from (`hint`, when it is theirs), else their first. None: not a resident."""
    mine = resident_estates(user)
    hint = int(hint) if str(hint or "").isdigit() else None
    home = home_of(article)
    if home is not None and not home.public:
        return home.estate_id if home.estate_id in mine else None
    if hint in mine:
        return hint
    return min(mine) if mine else None


def article_visit_record(*, user, article: ArticlePage, from_repair_form: bool = False, estate_hint=None):
    """Note that a resident opened the article today (and that the repair form led them there); None for anyone
    who is not a resident of an estate the article serves, whose reading is not counted."""
    estate_id = _counted_estate(user, article, estate_hint) if user.is_authenticated else None
    if estate_id is None:
        return None
    now = timezone.now()
    visit, created = ArticleVisit.objects.get_or_create(
        article=article,
        user=user,
        day=timezone.localdate(now),
        defaults={"estate_id": estate_id, "opened_at": now, "suggested_at": now if from_repair_form else None},
    )
    if not created and (visit.opened_at is None or (from_repair_form and visit.suggested_at is None)):
        visit.opened_at = visit.opened_at or now
        visit.suggested_at = visit.suggested_at or (now if from_repair_form else None)
        visit.save(update_fields=["opened_at", "suggested_at"])
    return visit


@transaction.atomic
def article_answer(*, user, article_id: int, outcome: str, from_repair_form: bool = False, estate_hint=None):
    """Record the resident's answer on an article for today (a later answer the same day replaces the earlier).

    Raises Http404 for an article the user may not read, NotPermitted for a reader who is not a resident of an
    estate the article serves (staff), ValidationError for an unknown outcome."""
    if outcome not in ArticleVisit.Outcome.values:
        raise ValidationError({"outcome": _("Say whether the article solved the problem or did not help.")})
    article = article_for_reader(user=user, article_id=article_id)
    estate_id = _counted_estate(user, article, estate_hint)
    if estate_id is None:
        raise NotPermitted(_("Only residents can tell us whether an article solved their problem."))
    now = timezone.now()
    visit, _created = ArticleVisit.objects.select_for_update().get_or_create(
        article=article, user=user, day=timezone.localdate(now), defaults={"estate_id": estate_id}
    )
    visit.outcome, visit.answered_at = outcome, now
    if from_repair_form and visit.suggested_at is None:
        visit.suggested_at = now
    visit.save(update_fields=["outcome", "answered_at", "suggested_at"])
    return visit
