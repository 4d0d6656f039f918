"""The security log in the admin site: read-only, for the provincial administrators."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.admin_writes import ReadOnlyAdminMixin
from apps.core.people import person_label
from apps.securitylog.models import SecurityEvent
from apps.securitylog.permissions import Perm


def may_read_security_log(user) -> bool:
    """Provincial administrators holding the log's view permission (and superusers)."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return user.role == Role.PROVINCIAL_ADMIN and user.has_perm(Perm.VIEW_SECURITY_EVENT)


class UsernameFilter(admin.SimpleListFilter):
    """The events of one username, typed in (the accounts are too many to list)."""

    title = _("username")
    parameter_name = "username"
    template = "admin/securitylog/username_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        return queryset.filter(username=value) if value else queryset

    def choices(self, changelist):
        kept = {
            key: value
            for key, value in changelist.get_filters_params().items()
            if key != self.parameter_name
        }
        if changelist.query:
            kept["q"] = [changelist.query]
        yield {
            "value": self.value() or "",
            "parameter": self.parameter_name,
            "kept": [(key, item) for key, values in kept.items() for item in values],
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every recorded event, newest first, filtered by kind, outcome, user and date."""

    list_display = ["at", "kind", "outcome", "user_shown", "ip_address", "path", "summary"]
    list_filter = ["kind", "outcome", UsernameFilter]
    date_hierarchy = "at"
    search_fields = ["username", "ip_address", "path"]
    list_select_related = ["user"]
    fields = [
        "at",
        "kind",
        "outcome",
        "user_shown",
        "username",
        "ip_address",
        "path",
        "details_shown",
    ]
    readonly_fields = fields
    show_full_result_count = False

    def has_module_permission(self, request):
        return may_read_security_log(request.user)

    def has_view_permission(self, request, obj=None):
        return may_read_security_log(request.user)

    @admin.display(description=_("user"), ordering="username")
    def user_shown(self, obj):
        return person_label(obj.user) if obj.user_id else obj.username

    @admin.display(description=_("details"))
    def summary(self, obj):
        return ", ".join(f"{key}={value}" for key, value in list(obj.details.items())[:4])[:160]

    @admin.display(description=_("details"))
    def details_shown(self, obj):
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.details, ensure_ascii=False, indent=2, sort_keys=True)
        )
