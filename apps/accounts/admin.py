"""The account admin: scoped, writing through the account services, never deleting."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts import services
from apps.accounts.models import User
from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import ServiceAdminMixin, form_values
from apps.core.people import person_label

PERSON_FIELDS = ["full_name", "work_unit", "department", "email"]


@admin.register(User)
class UserAdmin(ServiceAdminMixin, ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "person", "role", "division", "school", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "work_unit", "department"]
    ordering = ["username"]
    autocomplete_fields = ["division", "school"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": PERSON_FIELDS}),
        (_("Role and scope"), {"fields": ["role", "division", "school"]}),
        (
            _("Status"),
            {"fields": ["is_active", "must_change_password", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
        (_("Person"), {"fields": PERSON_FIELDS}),
        (_("Role and scope"), {"fields": ["role", "division", "school"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("division", "school")
        # A superuser shares a scope with the staff who manage users in it; without this a
        # non-superuser could reset a superuser's password or role and take the account over.
        if not request.user.is_superuser:
            queryset = queryset.exclude(is_superuser=True)
        return queryset

    @admin.display(description=_("Person"), ordering="full_name")
    def person(self, obj: User) -> str:
        return person_label(obj)

    def has_delete_permission(self, request, obj=None):
        # An account's name stays on everything it did: deactivate it instead.
        return False

    def create(self, request, form):
        data = form.cleaned_data
        return services.user_create(
            actor=request.user,
            username=data["username"],
            password=data["password1"] if data.get("set_usable_password", True) else None,
            **form_values(form, [*PERSON_FIELDS, "role", "division", "school"]),
        )

    def update(self, request, obj, form):
        values = form_values(form, services.USER_FIELDS)
        return services.user_update(actor=request.user, user=obj, data=values)

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        done = 0
        for user in queryset.filter(is_active=True):
            try:
                services.user_deactivate(actor=request.user, user=user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done += 1
        message = ngettext(
            "%(count)d account deactivated.", "%(count)d accounts deactivated.", done
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)
