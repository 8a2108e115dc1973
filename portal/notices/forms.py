"""The admin form of a notice: only buildings of the notice's estate can be chosen."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class NoticePageForm(WagtailAdminPageForm):
    """Offers the buildings of the estate the notice board belongs to, and refuses any other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .estates import estate_of_page

        self.estate = estate_of_page(self.parent_page) if self.parent_page else None
        field = self.fields.get("target_buildings")
        if field is not None:
            field.queryset = field.queryset.filter(estate=self.estate).order_by("name")
            field.error_messages["invalid_choice"] = _(
                "Building %(value)s is not in this notice's estate; choose buildings of this estate only."
            )

    def clean(self):
        cleaned = super().clean()
        if self.estate is None:
            raise ValidationError(_("Put notices on the notice board of an estate's home page."))
        return cleaned
