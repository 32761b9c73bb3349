"""Halls and booths are set-up data, typed here like tables; who exhibits where goes
through services.set_exhibitor."""

from django.contrib import admin

from accounts.admin.base import ServiceAdminMixin
from matchmaking.exhibition import services
from matchmaking.exhibition.models import Booth, Exhibitor, Hall


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0
    fields = ["number", "size_sqm", "capacity"]


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "position"]
    list_filter = ["conference"]
    inlines = [BoothInline]


@admin.register(Exhibitor)
class ExhibitorAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "conference", "booth", "country"]
    list_filter = ["registration__conference", "booth__hall"]
    list_select_related = ["registration__enterprise", "registration__conference", "booth"]
    search_fields = ["registration__enterprise__legal_name", "booth__number"]
    autocomplete_fields = ["registration"]
    fields = ["registration", "booth"]

    @admin.display(ordering="registration__conference")
    def conference(self, obj):
        return obj.registration.conference

    @admin.display(ordering="registration__enterprise__country")
    def country(self, obj):
        return obj.registration.enterprise.country.name

    def get_readonly_fields(self, request, obj=None):
        return ["registration"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.set_exhibitor(registration=obj.registration, booth=obj.booth,
                                       actor=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.remove_exhibitor(exhibitor=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for exhibitor in queryset:
            services.remove_exhibitor(exhibitor=exhibitor, actor=request.user)
