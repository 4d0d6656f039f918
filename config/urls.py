"""The URL map: each area mounts its own URLs (``AreaConfig.url_prefix``), found at start-up."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from apps.core.registry import url_includes

admin.site.site_header = _("Yunnan Young Pioneer Work Portal administration")
admin.site.site_title = _("Young Pioneer Work Portal")
admin.site.index_title = _("Data management")

urlpatterns = [
    *(path(prefix, include(module)) for prefix, module in url_includes()),
    path("i18n/setlang/", set_language, name="set-language"),
    path("admin/", admin.site.urls),
]

handler400 = "apps.core.errors.bad_request"
handler403 = "apps.core.errors.permission_denied"
handler404 = "apps.core.errors.page_not_found"
handler500 = "apps.core.errors.server_error"
