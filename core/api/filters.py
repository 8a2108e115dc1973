"""The API's query filters (django-filter) with strict booleans: a boolean filter given anything but true/false (or
1/0) is refused with a 400 naming it, instead of being dropped silently and answering the unfiltered list, which is
what django-filter does with an unknown word (found by the schema fuzz on ended_at__isnull)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.rest_framework.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from django_filters.widgets import BooleanWidget


class StrictBooleanWidget(BooleanWidget):
    def value_from_datadict(self, data, files, name):
        known = super().value_from_datadict(data, files, name)
        # an unknown word goes on to the field, which refuses it (the base widget turns it into "not given")
        return data.get(name) if known is None else known


class StrictBooleanField(forms.NullBooleanField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        result = super().to_python(value)
        if result is None:
            raise ValidationError(_("Give true or false."), code="invalid")
        return result


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", StrictBooleanWidget)
        super().__init__(*args, **kwargs)


class FilterSet(filters.FilterSet):
    # boolean columns and every __isnull lookup (django-filter takes the BooleanField entry for those)
    FILTER_DEFAULTS = {**FILTER_FOR_DBFIELD_DEFAULTS, models.BooleanField: {"filter_class": StrictBooleanFilter}}


class FilterBackend(filters.DjangoFilterBackend):
    """DEFAULT_FILTER_BACKENDS: views' filterset_fields are built on the strict FilterSet."""

    filterset_base = FilterSet
