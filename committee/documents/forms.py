"""Forms of the document library pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Document


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    access = forms.ChoiceField(label=_("Who may read it"), choices=Document.Access.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG or XLSX, at most 20 MB."))


class CategoryFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Document.Category.choices], required=False
    )
