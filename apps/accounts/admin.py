from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.services import user_apply_role
from apps.core.admin import ScopedAdminMixin


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "role", "division", "school", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "first_name"]
    autocomplete_fields = ["division", "school"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "email"]}),
        (_("Role and scope"), {"fields": ["role", "division", "school"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        (_("Role and scope"), {"fields": ["role", "division", "school"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # A superuser shares a scope with the staff who manage users in it; without this a
        # non-superuser could reset a superuser's password or role and take the account over.
        if not request.user.is_superuser:
            queryset = queryset.exclude(is_superuser=True)
        return queryset

    def save_model(self, request, obj, form, change):
        user_apply_role(user=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user_apply_role(user=form.instance)
