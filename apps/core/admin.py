"""Admin building blocks that apply the user's regional scope everywhere in the admin."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.filters import FieldListFilter, RelatedFieldListFilter
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import get_model_from_relation
from django.contrib.auth import get_user_model
from django.db.models import ForeignObjectRel
from django.http import Http404

from apps.core.forms import AdminVersionFormMixin
from apps.core.models import VersionedModel, WorkdayOverride
from apps.core.people import person_label
from apps.core.scope import in_scope, is_scoped


def _related_as_text(self, remote_field, remote_obj):
    """A read-only field naming another row shows it as text, an account as its person
    (姓名（单位）). Django would link it to the row's admin page whatever the viewer may open
    there, and scoped viewers (an envelope above a county, an account only the provincial
    office keeps) were shown links to a 404 or a 403."""
    if remote_field.model is get_user_model():
        return person_label(remote_obj)
    return str(remote_obj)


helpers.AdminReadonlyField.get_admin_url = _related_as_text


class VersionedAdminMixin:
    """The change page of a versioned row (``core.models.VersionedModel``) carries the
    version it was loaded at and refuses a save over a newer change, as the portal's edit
    pages do (``core.forms.AdminVersionFormMixin``). Every scoped admin has it."""

    def _versioned(self) -> bool:
        # Inlines are saved with their parent's page.
        return issubclass(self.model, VersionedModel) and not isinstance(self, InlineModelAdmin)

    def _guards_version(self, request, obj) -> bool:
        # A change page the user may save.
        return obj is not None and self._versioned() and self.has_change_permission(request, obj)

    def version_field(self, request, obj) -> list[str]:
        """``["version"]`` where the page shows it: for an admin whose own fieldsets leave
        it out."""
        return ["version"] if self._guards_version(request, obj) else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._versioned():
            return super().get_form(request, obj, change=change, **kwargs)
        # "version" is the form's own hidden field, not one the model form may build.
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self._guards_version(request, obj):
            return form
        return type(form.__name__, (AdminVersionFormMixin, form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._versioned():
            return fieldsets
        # Shown (hidden) on a change page the user may save, nowhere else.
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "version"]})
            for name, options in fieldsets
        ]
        (name, options), *rest = fieldsets
        fields = [*options["fields"], *self.version_field(request, obj)]
        return [(name, {**options, "fields": fields}), *rest]


class ScopedAdminMixin(VersionedAdminMixin):
    """Scope a ModelAdmin: its lists, change pages, dropdowns and autocompletes.

    Rows outside the user's scope do not exist for them: the change page is a 404, and
    foreign-key choices offer only rows in scope, so a form cannot point outside it either.
    """

    def get_queryset(self, request):
        return in_scope(super().get_queryset(request), request.user)

    def _scoped_choices(self, request, db_field, kwargs):
        related = db_field.remote_field.model
        if is_scoped(related) and "queryset" not in kwargs:
            queryset = related._default_manager.complex_filter(db_field.get_limit_choices_to())
            kwargs["queryset"] = in_scope(queryset, request.user)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._scoped_choices(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._scoped_choices(request, db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # The stock admin redirects with "perhaps it was deleted"; out of scope is a 404.
        raise Http404


class ScopedRelatedFieldListFilter(RelatedFieldListFilter):
    """A list filter over a relation that offers only related rows inside the user's scope.

    The stock filter lists every division or school in the database, which would show a
    county user the names of every other county. Registered below for every relation to a
    scoped model, so ``list_filter = ["county"]`` is scoped without further ado.
    """

    related_only = False

    def field_choices(self, field, request, model_admin):
        related_model = get_model_from_relation(field)
        queryset = related_model._default_manager.all()
        if not isinstance(field, ForeignObjectRel):
            # A forward relation's own limit (e.g. counties only), as the stock filter does.
            queryset = queryset.complex_filter(field.get_limit_choices_to())
        queryset = in_scope(queryset, request.user)
        if self.related_only:
            used = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk")
            queryset = queryset.filter(pk__in=used)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        value_attr = field.target_field.attname
        return [(getattr(obj, value_attr), str(obj)) for obj in queryset]


class ScopedRelatedOnlyFieldListFilter(ScopedRelatedFieldListFilter):
    """Like ``ScopedRelatedFieldListFilter``, limited to rows the listed rows point to
    (for example only the prefectures that schools in scope belong to), without "(None)"."""

    related_only = True
    include_empty_choice = False


def _relates_to_scoped_model(field) -> bool:
    return bool(field.remote_field) and is_scoped(get_model_from_relation(field))


# Ahead of the stock RelatedFieldListFilter, for every admin in the project.
FieldListFilter.register(_relates_to_scoped_model, ScopedRelatedFieldListFilter, take_priority=True)


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """Days the official calendar does not know or gets wrong for Yunnan (reference data)."""

    list_display = ["date", "is_workday", "reason"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"
    search_fields = ["reason"]
