from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin, ServiceDeleteMixin
from apps.counselors.forms import CounselorAdminForm
from apps.counselors.masking import (
    can_see_full_id_number,
    shown_birth_date,
    shown_id_number,
    shown_phone,
)
from apps.counselors.models import Counselor
from apps.counselors.resources import CounselorResource
from apps.counselors.services import (
    STAFF_FIELDS,
    counselor_create,
    counselor_delete,
    counselor_link_user,
    counselor_update,
)
from apps.exports.import_admin import ScopedImportExportMixin

# Shown masked to most viewers (apps.counselors.masking).
MASKED_FIELDS = frozenset({"birth_date", "id_number", "phone"})


@admin.register(Counselor)
class CounselorAdmin(
    AuditedAdminMixin,
    ServiceDeleteMixin,
    ScopedImportExportMixin,
    ScopedAdminMixin,
    admin.ModelAdmin,
):
    """Counselors in the user's scope; birth dates, ID numbers and phones masked as on the
    portal. Every write goes through the counselor services; an edit carries the version
    it was loaded with, as on the portal.

    The ModelAdmin instance is shared by all requests, so the viewer is never stored on it:
    list columns are closures over the request, and a fetched object carries its own view.
    """

    form = CounselorAdminForm
    # Exports and import previews mask ID numbers and phones like the list does.
    resource_classes = [CounselorResource]
    list_filter = ["post", "post_rank", "teacher_title"]
    list_select_related = ["county", "school"]
    search_fields = ["name"]
    autocomplete_fields = ["county", "school", "user"]
    readonly_fields = [
        "shown_birth_date",
        "shown_id_number",
        "shown_phone",
        *AuditedAdminMixin.AUDIT_FIELDS,
    ]

    def lookup_allowed(self, lookup, value, request):
        # The admin lets a list be filtered by any of its own fields from the URL: with
        # ?id_number__startswith=... a viewer would read the masked digits one at a time.
        field = lookup.split(LOOKUP_SEP, 1)[0]
        if field in MASKED_FIELDS and not can_see_full_id_number(request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_list_display(self, request):
        viewer = request.user

        @admin.display(description=_("ID number"))
        def id_number(obj):
            return shown_id_number(viewer, obj)

        @admin.display(description=_("Phone"))
        def phone(obj):
            return shown_phone(viewer, obj)

        @admin.display(description=_("Birth date"))
        def birth_date(obj):
            return shown_birth_date(viewer, obj)

        return ["name", "county", "school", "post", "post_rank", birth_date, id_number, phone]

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        # A read-only page would print stored values as they are; show the masked ones.
        birth_field, id_field, phone_field = (
            ("birth_date", "id_number", "phone")
            if editable
            else ("shown_birth_date", "shown_id_number", "shown_phone")
        )
        return [
            (_("Person"), {"fields": ["name", "gender", "ethnicity", birth_field, id_field]}),
            (_("Contact"), {"fields": [phone_field]}),
            (_("Post"), {"fields": ["county", "school", "post", "post_rank", "teacher_title"]}),
            (_("Account"), {"fields": ["user"]}),
            (
                _("Record"),
                {"fields": [*self.AUDIT_FIELDS, "version"]},
            ),
        ]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.viewer_birth_date = shown_birth_date(request.user, obj)
            obj.viewer_id_number = shown_id_number(request.user, obj)
            obj.viewer_phone = shown_phone(request.user, obj)
        return obj

    @admin.display(description=_("Birth date"))
    def shown_birth_date(self, obj):
        return getattr(obj, "viewer_birth_date", "")

    @admin.display(description=_("ID number"))
    def shown_id_number(self, obj):
        return getattr(obj, "viewer_id_number", "")

    @admin.display(description=_("Phone"))
    def shown_phone(self, obj):
        return getattr(obj, "viewer_phone", "")

    def get_form(self, request, obj=None, change=False, **kwargs):
        # "version" is the form's own hidden field, not one the model form builds.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name != "version"]
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"viewer": request.user})

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        if change:
            counselor = counselor_update(
                actor=request.user,
                counselor=obj,
                seen_version=form.cleaned_data.get("version"),
                **data,
            )
        else:
            counselor = counselor_create(actor=request.user, **data)
            obj.pk = counselor.pk
        if "user" in form.changed_data:
            counselor_link_user(
                actor=request.user, counselor=counselor, user=form.cleaned_data.get("user")
            )
        obj.refresh_from_db()

    def delete_service(self, actor, row):
        counselor_delete(actor=actor, counselor=row)
