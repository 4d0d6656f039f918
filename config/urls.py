from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

admin.site.site_header = _("Yunnan Young Pioneer Work Portal administration")
admin.site.site_title = _("Young Pioneer Work Portal")
admin.site.index_title = _("Data management")

urlpatterns = [
    path("", include("apps.core.urls")),
    path("accounts/", include("apps.accounts.urls")),
    # The reports app holds /dashboard/ and /reports/... itself.
    path("", include("apps.reports.urls")),
    path("organizations/", include("apps.organizations.urls")),
    path("counselors/", include("apps.counselors.urls")),
    path("training/", include("apps.training.urls")),
    path("titles/", include("apps.titles.urls")),
    path("inspections/", include("apps.inspections.urls")),
    path("exports/", include("apps.exports.urls")),
    path("i18n/setlang/", set_language, name="set-language"),
    path("admin/", admin.site.urls),
]

handler403 = "apps.core.errors.permission_denied"
handler404 = "apps.core.errors.page_not_found"
