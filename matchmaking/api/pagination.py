from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable pages under inserts: the cursor is a position, not an offset."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"

    def get_page_size(self, request):
        """The default when absent; a whole number from 1 to 200 when given, else a field
        error (never silently the default: a typo should not look like a short list)."""
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        for value in values:
            if not (value.isascii() and value.isdigit()
                    and 1 <= int(value) <= self.max_page_size):
                raise ValidationError({self.page_size_query_param: [
                    _("Use a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]})
        return int(values[-1])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1,
                                       "maximum": self.max_page_size, "default": self.page_size}
        return parameters
