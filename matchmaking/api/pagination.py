from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable pages under inserts: the cursor is a position, not an offset."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
