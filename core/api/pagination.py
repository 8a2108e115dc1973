from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Every list is paginated; clients may ask for up to 200 rows a page."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """A page_size that is not a whole number of at least 1 is a 400, as the schema promises (DRF would
        silently fall back to the default size; found by the schema fuzz)."""
        values = request.query_params.getlist(self.page_size_query_param)
        if values and not (len(values) == 1 and values[0].isdecimal() and int(values[0]) >= 1):
            raise ValidationError({self.page_size_query_param: [_("Give a whole number of at least 1.")]})
        return super().get_page_size(request)
