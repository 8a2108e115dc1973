"""The admin form of an estate home: the estate is chosen once, when the home is made, and only one home per
estate."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EstateHomePageForm(WagtailAdminPageForm):
    """Refuses an unknown estate and a second home for an estate, naming the problem; fixes the estate of an
    existing home (moving a tree to another estate would hand its notices to that estate's readers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("estate")
        if field is None:
            return
        field.error_messages["invalid_choice"] = _("There is no such estate; choose one of the estates listed.")
        if self.instance.pk:
            field.disabled = True

    def clean_estate(self):
        from .models import EstateHomePage

        estate = self.cleaned_data.get("estate")
        other = EstateHomePage.objects.filter(estate=estate).exclude(pk=self.instance.pk).first()
        if estate is not None and other is not None:
            raise ValidationError(
                _("%(estate)s already has a home page, “%(title)s”; edit that page instead."),
                params={"estate": estate.name, "title": other.title},
            )
        return estate
