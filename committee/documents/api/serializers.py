"""API shapes for the document library."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Document


class DocumentSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "title", "category", "category_label", "access", "name", "kind", "size", "created_at", "url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, document):
        return reverse("document-file", kwargs={"pk": document.pk})


class DocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=Document.Category.choices)
    access = serializers.ChoiceField(choices=Document.Access.choices)
    file = serializers.FileField()


class DocumentQuerySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Document.Category.choices, required=False)
