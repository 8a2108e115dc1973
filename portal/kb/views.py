"""Serving self-help pages to their readers, residents' answers on an article, and the managers' figures."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit import audit_record
from core.errors import LinliError
from portal.richtext import safe_rich_text
from portal.search import search_pages, search_terms
from residents import access
from residents.models import Trade
from residents.selectors import estates_for_staff

from . import counts, selectors, services
from .models import ArticleVisit

FROM_REPAIR_FORM = services.FROM_REPAIR_FORM
STATS = "kb.stats"


def serve_for_readers(page, request, serve, *args, **kwargs):
    """Serve a self-help page to whoever may read it (the company's to everyone); send strangers to sign in
    and answer 404 to the signed-in who may not (as every out-of-scope object). Wagtail's previews do not come
    this way: the admin renders them after its own page permissions."""
    if not selectors.may_read(request.user, selectors.home_of(page)):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return serve(request, *args, **kwargs)


def kb_home(request):
    """/kb/: the self-help section of the visitor's estate, or the company's."""
    section = selectors.section_for(request.user)
    if section is None:
        raise Http404
    return redirect(section.get_url(request=request) or "/")


def index_context(section, request) -> dict:
    """A section's articles, narrowed by ?trade= and ?q= (Chinese substrings too)."""
    home = selectors.home_of(section)
    articles = selectors.articles_for_section(section=section, home=home)
    query, trade = request.GET.get("q", "").strip(), request.GET.get("trade", "")
    if trade:
        articles = articles.filter(trade__key=trade)
    if search_terms(query):
        articles = search_pages(articles, query, text_fields=selectors.SEARCHED_FIELDS)
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    trades = Trade.objects.filter(pk__in=articles.order_by().values("trade_id")) if not trade else []
    return {"articles": page, "page": page, "query": query, "trade": trade, "trades": trades}


def article_context(article, request) -> dict:
    """The article's text; for a resident, today's use of it is recorded and their answer so far shown."""
    from_form = request.GET.get("from") == FROM_REPAIR_FORM
    visit = None
    if not getattr(request, "is_preview", False):  # an editor's preview is not a reading (nor saved, when new)
        visit = services.article_visit_record(
            user=request.user, article=article, from_repair_form=from_form, estate_hint=request.GET.get("estate")
        )
    report_url = reverse("repairs-new") + (f"?{urlencode({'trade': article.trade.key})}" if article.trade else "")
    return {
        "body_html": safe_rich_text(article.body),
        "visit": visit,
        "answer_url": reverse("kb-article-answer", args=[article.pk]) if visit else "",
        "from_repair_form": from_form,
        "estate_hint": request.GET.get("estate", "") if from_form else "",
        "report_url": report_url,
        "outcomes": ArticleVisit.Outcome,
    }


def _after_answer(request, article, outcome: str, from_form: bool):
    if outcome == ArticleVisit.Outcome.NOT_HELPED:
        messages.info(request, _("Sorry it did not help. Tell us about the problem and we will send someone."))
        trade = {"trade": article.trade.key} if article.trade else {}
        return redirect(reverse("repairs-new") + (f"?{urlencode(trade)}" if trade else ""))
    if from_form:
        messages.success(request, _("Glad it is sorted. No repair request was sent."))
        return redirect("resident-dashboard")
    messages.success(request, _("Thank you. Glad it helped."))
    return redirect(article.get_url(request=request) or "/")


@require_POST
@login_required
def article_answer(request, pk):
    """A resident's answer on an article (its page, or a suggestion on the repair form: ?source=repair-form)."""
    article = selectors.article_for_reader(user=request.user, article_id=pk)
    from_form = (request.GET.get("source") or request.POST.get("source")) == FROM_REPAIR_FORM
    outcome = request.POST.get("outcome", "")
    try:
        services.article_answer(
            user=request.user,
            article_id=article.pk,
            outcome=outcome,
            from_repair_form=from_form,
            estate_hint=request.GET.get("estate") or request.POST.get("estate"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except LinliError as exc:
        messages.error(request, exc.message)
    else:
        return _after_answer(request, article, outcome, from_form)
    return redirect(article.get_url(request=request) or "/")


@login_required
def staff_counts(request):
    """Per article: views, problems solved, didn't help, and uses from the repair form, for one estate."""
    if not access.can(request.user, STATS):
        audit_record(action="access.denied", actor=request.user, request=request, path=request.path[:200],
                     method=request.method, status=403)  # fmt: skip
        raise PermissionDenied
    estates = list(estates_for_staff(user=request.user, capability=STATS).order_by("name"))
    slug = request.GET.get("estate") or (estates[0].slug if estates else "")
    estate = next((estate for estate in estates if estate.slug == slug), None)
    if estate is None:
        raise Http404
    days = counts.period_days(request.GET.get("days"))
    context = {
        "estates": estates,
        "estate": estate,
        "days": days,
        "periods": counts.PERIODS,
        "rows": counts.article_counts(estate_id=estate.pk, days=days),
    }
    return render(request, "portal/kb/staff_counts.html", context)
