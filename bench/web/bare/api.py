"""The bare app's API: one paged list of the directory's companies, keys as bearer tokens."""

from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination

from bench.web.bare.models import Company, Delegate


class Cursor(CursorPagination):
    page_size = 50
    ordering = "id"


class DelegateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegate
        fields = ["full_name", "title", "languages"]


class CompanySerializer(serializers.ModelSerializer):
    fields = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    delegates = DelegateSerializer(many=True, read_only=True)

    class Meta:
        model = Company
        fields = ["id", "slug", "legal_name", "name_zh", "country", "province", "city", "role",
                  "fields", "description", "offers", "needs", "employees", "website",
                  "delegates", "updated_at"]


class CompanyList(generics.ListAPIView):
    serializer_class = CompanySerializer
    pagination_class = Cursor

    def get_queryset(self):
        return (Company.objects.filter(registration__status="approved")
                .prefetch_related("fields", "delegates"))
