"""The resident API for notices and search: /api/v1/me/notices/ and /api/v1/me/search/ (notices and articles)."""

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import generics, serializers

from portal.kb.api import ArticleReaders, ArticleSummarySerializer
from portal.richtext import safe_rich_text
from portal.site_search import site_search
from residents.permissions import HasPerson

from . import selectors
from .models import NoticePage


class NoticeSummarySerializer(serializers.ModelSerializer):
    """A notice in a list; `estate` is the slug of the estate it belongs to."""

    estate = serializers.SerializerMethodField()
    buildings = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = NoticePage
        fields = ["id", "title", "kind", "urgent", "pinned", "estate", "buildings", "published_at", "expire_at", "url"]
        read_only_fields = fields

    def get_estate(self, notice) -> str:
        for home in self.context.get("homes", ()):
            if notice.path.startswith(home.path):
                return home.estate_slug
        return ""

    def get_buildings(self, notice) -> list[str]:
        """Names of the target buildings; empty means the whole estate."""
        return [building.name for building in notice.target_buildings.all()]

    def get_url(self, notice) -> str:
        return notice.get_url(request=self.context.get("request")) or ""


class NoticeDetailSerializer(NoticeSummarySerializer):
    """A notice with its body as whitelisted HTML."""

    body = serializers.SerializerMethodField()

    class Meta(NoticeSummarySerializer.Meta):
        fields = [*NoticeSummarySerializer.Meta.fields, "body"]
        read_only_fields = fields

    def get_body(self, notice) -> str:
        return str(safe_rich_text(notice.body))


class _ResidentNotices:
    """Scopes to the signed-in resident's estates; schema generation runs without a user."""

    permission_classes = [HasPerson]

    def homes(self):
        if not hasattr(self, "_homes"):
            self._homes = selectors.estate_homes(selectors.resident_estate_ids(self.request.user))
        return self._homes

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "homes": self.homes()}


class MyNoticesView(_ResidentNotices, generics.ListAPIView):
    """Live, unexpired notices of the estates I live in: urgent first, then pinned, then the newest."""

    serializer_class = NoticeSummarySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NoticePage.objects.none()
        return selectors.notices_for_resident(user=self.request.user, homes=self.homes())


class MyNoticeDetailView(_ResidentNotices, generics.RetrieveAPIView):
    """One of my estates' notices; any other answers 404."""

    serializer_class = NoticeDetailSerializer

    def get_object(self):
        return selectors.notice_for_resident(user=self.request.user, notice_id=self.kwargs["pk"])


class NoticeHitSerializer(NoticeSummarySerializer):
    """A notice found by the search."""

    type = serializers.SerializerMethodField()

    class Meta(NoticeSummarySerializer.Meta):
        fields = ["type", *NoticeSummarySerializer.Meta.fields]
        read_only_fields = fields

    def get_type(self, notice) -> str:
        return "notice"


class ArticleHitSerializer(ArticleSummarySerializer):
    """A self-help article found by the search."""

    type = serializers.SerializerMethodField()

    class Meta(ArticleSummarySerializer.Meta):
        fields = ["type", *ArticleSummarySerializer.Meta.fields]
        read_only_fields = fields

    def get_type(self, article) -> str:
        return "article"


class SearchHitSerializer(serializers.BaseSerializer):
    """A notice or an article, told apart by `type` (portal.search.SearchHit)."""

    BY_TYPE = {"notice": NoticeHitSerializer, "article": ArticleHitSerializer}

    def to_representation(self, hit):
        return self.BY_TYPE[hit.type](hit.page, context=self.context).data


SEARCH_RESULT = PolymorphicProxySerializer(
    component_name="SearchResult",
    serializers={"notice": NoticeHitSerializer, "article": ArticleHitSerializer},
    resource_type_field_name="type",
    many=True,
)


class MySearchView(_ResidentNotices, ArticleReaders, generics.ListAPIView):
    """My estates' notices and the self-help articles I may read whose title or text contain every word of `q`
    (Chinese substrings too): title matches first, notices before articles; `type` tells them apart."""

    serializer_class = SearchHitSerializer

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Words to look for", required=True)],
        responses=SEARCH_RESULT,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NoticePage.objects.none()
        return site_search(
            user=self.request.user,
            query=self.request.query_params.get("q", ""),
            notice_homes=self.homes(),
            article_homes=self.article_homes(),
        )
