from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Matchmaking administration")
admin.site.site_title = _("Matchmaking")
admin.site.index_title = _("Conferences, vetting and schedules")
