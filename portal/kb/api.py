"""Self-help in the REST API: articles (the company's for anyone, an estate's for its readers), suggestions for
a report, a resident's answer on an article, and managers' figures per article."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.richtext import safe_rich_text
from portal.search import search_terms
from repairs.selectors import places_for_resident
from repairs.suggesters import query_for_report
from residents.models import Estate
from residents.permissions import HasCapability, HasPerson
from residents.selectors import estates_for_staff

from . import counts, selectors, services
from .models import ArticlePage, ArticleVisit

FROM_REPAIR_FORM = services.FROM_REPAIR_FORM


class ArticleSummarySerializer(serializers.ModelSerializer):
    """An article in a list; `estate` is the slug of the estate it belongs to, "" for the company's."""

    trade = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    estate = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = ArticlePage
        fields = ["id", "title", "summary", "trade", "estate", "url"]
        read_only_fields = fields

    def get_estate(self, article) -> str:
        for home in self.context.get("article_homes", ()):
            if article.path.startswith(home.path) and article.depth == home.depth + 2:
                return home.estate_slug
        return ""

    def get_url(self, article) -> str:
        return article.get_url(request=self.context.get("request")) or ""


class ArticleDetailSerializer(ArticleSummarySerializer):
    """An article with its body as whitelisted HTML, and the keywords the repair form matches on."""

    body = serializers.SerializerMethodField()

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "keywords", "body"]
        read_only_fields = fields

    def get_body(self, article) -> str:
        return str(safe_rich_text(article.body))


class ArticleReaders:
    """Scopes to the articles the caller reads (anyone: the company's); schema generation runs without a user."""

    def article_homes(self):
        if not hasattr(self, "_article_homes"):
            self._article_homes = selectors.article_homes(selectors.reader_estate_ids(self.request.user))
        return self._article_homes

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "article_homes": self.article_homes()}


class ArticlesView(ArticleReaders, generics.ListAPIView):
    """Self-help articles I may read, by title; `q` keeps those containing every word (Chinese substrings too,
    title matches first), `trade` those of one kind of repair."""

    permission_classes = [AllowAny]
    serializer_class = ArticleSummarySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words to look for"),
            OpenApiParameter("trade", str, description="A trade key, e.g. plumbing"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ArticlePage.objects.none()
        query, trade = self.request.query_params.get("q", ""), self.request.query_params.get("trade", "")
        homes = self.article_homes()
        if search_terms(query):
            articles = selectors.articles_search_for_reader(user=self.request.user, query=query, homes=homes)
        else:
            articles = selectors.articles_for_reader(user=self.request.user, homes=homes)
        return articles.filter(trade__key=trade) if trade else articles


class ArticleDetailView(ArticleReaders, generics.RetrieveAPIView):
    """One article I may read; any other answers 404. A resident's reading is counted (once a day), as reached
    from the repair form with `from=repair-form`."""

    permission_classes = [AllowAny]
    serializer_class = ArticleDetailSerializer

    @extend_schema(parameters=[OpenApiParameter("from", str, enum=[FROM_REPAIR_FORM], description="Where I came from")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        article = selectors.article_for_reader(user=self.request.user, article_id=self.kwargs["pk"])
        from_form = self.request.query_params.get("from") == FROM_REPAIR_FORM
        services.article_visit_record(user=self.request.user, article=article, from_repair_form=from_form)
        return article


class SuggestionsView(ArticleReaders, generics.ListAPIView):
    """Articles that fit a repair I am about to report (best first, at most five): of the estate of `place`
    (unit:<id> or area:<id>, one of mine), or of all my homes, and the company's."""

    permission_classes = [HasPerson]
    serializer_class = ArticleSummarySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("trade", str, description="The trade key chosen, e.g. plumbing"),
            OpenApiParameter("description", str, description="What I have written about the problem"),
            OpenApiParameter("place", str, description="unit:<id> or area:<id>, as the repair form sends it"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ArticlePage.objects.none()
        units, areas = places_for_resident(user=self.request.user)
        query = query_for_report(user=self.request.user, data=self.request.query_params, units=units, areas=areas)
        return selectors.article_suggestions(estate_ids=query.estate_ids, trade=query.trade, text=query.text)


class AnswerInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ArticleVisit.Outcome.choices)
    source = serializers.ChoiceField(
        choices=[("article", "article"), (FROM_REPAIR_FORM, FROM_REPAIR_FORM)],
        default="article",
        help_text="Where I answered: the article or the repair form.",
    )
    estate = serializers.SlugField(
        required=False,
        help_text="For a company article, which of my estates the answer counts for (default: my first).",
    )


class AnswerSerializer(serializers.ModelSerializer):
    """My answer on the article today (one a day; a new one replaces it)."""

    article = serializers.IntegerField(source="article_id", read_only=True)
    estate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    from_repair_form = serializers.SerializerMethodField()

    class Meta:
        model = ArticleVisit
        fields = ["article", "estate", "day", "outcome", "answered_at", "from_repair_form"]
        read_only_fields = fields

    def get_from_repair_form(self, visit) -> bool:
        return visit.suggested_at is not None


class ArticleAnswerView(APIView):
    """Tell whether an article solved my problem (so I need not report it) or did not help. One answer per
    article a day counts; answering again the same day replaces it."""

    permission_classes = [HasPerson]

    @extend_schema(request=AnswerInputSerializer, responses={200: AnswerSerializer})
    def post(self, request, pk):
        data = AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = Estate.objects.filter(slug=data.validated_data.get("estate", "")).values_list("pk", flat=True)
        visit = services.article_answer(
            user=request.user,
            article_id=pk,
            outcome=data.validated_data["outcome"],
            from_repair_form=data.validated_data["source"] == FROM_REPAIR_FORM,
            estate_hint=estate.first(),  # ignored unless it is one of the resident's estates
        )
        return Response(AnswerSerializer(visit).data, status=status.HTTP_200_OK)


class ArticleCountsSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="article.pk")
    title = serializers.CharField(source="article.title")
    trade = serializers.CharField(source="article.trade.key", allow_null=True, default=None)
    views = serializers.IntegerField(help_text="Residents who opened it (once per person and day).")
    solved = serializers.IntegerField(help_text="Residents who said it solved the problem: no report needed.")
    not_helped = serializers.IntegerField(help_text="Residents who said it did not help.")
    suggested = serializers.IntegerField(help_text="Residents who reached it from the repair form.")
    no_report = serializers.IntegerField(
        help_text="Of those, the ones who sent no repair request within a day after (uses over a day old)."
    )


class StaffArticleCountsView(generics.ListAPIView):
    """How the residents of one estate (`estate`, a slug) used each article readable there, over the last `days`
    days: most problems solved first. Managers (kb.stats) of that estate; another estate answers 404."""

    permission_classes = [HasCapability]
    capability = "kb.stats"
    serializer_class = ArticleCountsSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("estate", str, required=True, description="Estate slug"),
            OpenApiParameter("days", int, enum=list(counts.PERIODS), description="Period (default 30 days)"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ArticlePage.objects.none()
        estate = estates_for_staff(user=self.request.user, capability=self.capability).filter(
            slug=self.request.query_params.get("estate", "")
        )
        found = estate.first()
        if found is None:
            raise NotFound
        days = counts.period_days(self.request.query_params.get("days"))
        return counts.article_counts(estate_id=found.pk, days=days)
