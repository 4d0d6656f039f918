"""The admin of the documents area: the provincial office keeps the issuing bodies here
(through the same services as everything else). Documents and notices are shown read-only:
their workflow lives on the portal's pages, where every step is checked and recorded."""

from django.contrib import admin

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import ReadOnlyAdminMixin
from apps.documents import services
from apps.documents.models import Document, IssuingBody, Notice


@admin.register(IssuingBody)
class IssuingBodyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "division", "signer_role"]
    list_filter = ["kind", "signer_role"]
    search_fields = ["name", "short_name"]
    fields = ["name", "short_name", "kind", "division", "signer_role"]

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in self.fields}
        # The form has checked the same rules; the service checks them again with the actor.
        if change:
            saved = services.body_update(actor=request.user, body=obj, **data)
        else:
            saved = services.body_create(actor=request.user, **data)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # A body named on documents stays: the record must keep who issued what.
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Rows the user sees in the portal, read-only."""


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "kind", "lead_body", "status", "dated_on"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "number"]
    list_select_related = ["lead_body"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "office", "status", "dated_on"]
    list_filter = ["status"]
    search_fields = ["title"]
    list_select_related = ["office"]
