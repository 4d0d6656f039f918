"""Admin building blocks that apply the user's regional scope everywhere in the admin."""

from django.http import Http404

from apps.core.scope import is_scoped, scope_queryset


class ScopedAdminMixin:
    """Scope a ModelAdmin: its lists, change pages, dropdowns and autocompletes.

    Rows outside the user's scope do not exist for them: the change page is a 404, and
    foreign-key choices offer only rows in scope, so a form cannot point outside it either.
    """

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user)

    def _scoped_choices(self, request, db_field, kwargs):
        related = db_field.remote_field.model
        if is_scoped(related) and "queryset" not in kwargs:
            queryset = related._default_manager.complex_filter(db_field.get_limit_choices_to())
            kwargs["queryset"] = scope_queryset(queryset, request.user)
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
