"""Title applications in the admin: read-only and scoped.

Applications change only through the portal's workflow (services with locking and history),
so the admin shows them and their history but offers no add, change or delete. Drafts stay
the applicant's own and are not listed.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin
from apps.core.people import person_label
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication


class ReadOnlyInline(admin.TabularInline):
    """Rows shown with the application, never added, changed or removed here."""

    # Every field is read-only; no row can be added (max_num) or removed (can_delete).
    extra = max_num = 0
    can_delete = False


class ReviewStepInline(ReadOnlyInline):
    model = ReviewStep
    fields = ["round", "level", "decision", "reviewer_label", "comment", "acted_at"]
    readonly_fields = fields

    @admin.display(description=_("reviewer"))
    def reviewer_label(self, step):
        return person_label(step.reviewer)


class EvidenceFileInline(ReadOnlyInline):
    # Names only: the files themselves are served by the portal's access-checked download.
    model = EvidenceFile
    fields = ["original_name", "content_type", "size", "uploader", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("uploaded by"))
    def uploader(self, evidence):
        return person_label(evidence.uploaded_by)


@admin.register(TitleApplication)
class TitleApplicationAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["applicant_person", "year", "track", "target_title", "status", "current_level"]
    list_filter = ["status", "track", "current_level", "year"]
    search_fields = ["applicant__name"]
    list_select_related = ["applicant__school", "applicant__county"]
    inlines = [EvidenceFileInline, ReviewStepInline]
    fields = [
        "applicant",
        "track",
        "target_title",
        "year",
        "statement",
        "status",
        "current_level",
        "submission_count",
        "submitted_at",
        "waiting_since",
        "decided_at",
        "version",
        *AuditedAdminMixin.AUDIT_FIELDS,
    ]
    readonly_fields = fields

    @admin.display(description=_("applicant"), ordering="applicant__name")
    def applicant_person(self, application):
        return person_label(application.applicant)

    def get_queryset(self, request):
        return super().get_queryset(request).ever_submitted()

    def has_add_permission(self, request, obj=None):
        # Applications change only through the portal's workflow.
        return False

    has_change_permission = has_delete_permission = has_add_permission
