from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from apps.core.pagination import CURSOR_PARAM, KeysetPaginator
from apps.counselors.forms import CounselorForm, CounselorPhoneForm
from apps.counselors.permissions import Perm
from apps.counselors.selectors import counselor_for_user, counselor_list, counselor_queryset
from apps.counselors.services import (
    STAFF_FIELDS,
    counselor_create,
    counselor_update,
    counselor_update_own_phone,
)
from apps.exports.mixins import ListExportMixin
from apps.training.selectors import counselor_training_summary

# A unique order of non-NULL columns for keyset pages (index counselor_keyset_order).
COUNSELOR_ORDER = ("county_id", "name", "id")

# The title applications area may provide this partial; "my record" shows it when it exists.
APPLICATIONS_PARTIAL = "titles/_counselor_applications.html"


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class CounselorListView(ListExportMixin, TemplateView):
    """Counselors in the user's scope, filtered, a page at a time; ``?format=xlsx|csv``
    exports the filtered rows, masked as on the page (apps.counselors.exports)."""

    template_name = "counselors/counselor_list.html"
    export_kind = "counselors"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = counselor_list(actor=self.request.user, filters=self.request.GET)
        paginator = KeysetPaginator(
            filterset.qs, per_page=settings.PORTAL_PAGE_SIZE, ordering=COUNSELOR_ORDER
        )
        page = paginator.page(self.request.GET.get(CURSOR_PARAM))
        context.update(
            filter=filterset,
            page=page,
            counselors=page.object_list,
            can_add=self.request.user.has_perm(Perm.ADD_COUNSELOR),
        )
        return context


class CounselorDetailView(TemplateView):
    """One counselor in the user's scope (404 outside it), with their training."""

    template_name = "counselors/counselor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counselor = get_object_or_404(counselor_queryset(actor=self.request.user), pk=kwargs["pk"])
        context.update(
            counselor=counselor,
            training=counselor_training_summary(counselor=counselor),
            can_change=self.request.user.has_perm(Perm.CHANGE_COUNSELOR),
        )
        return context


class CounselorCreateView(FormView):
    """Add a counselor to a county or school in the user's scope."""

    template_name = "counselors/counselor_form.html"
    form_class = CounselorForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        try:
            counselor = counselor_create(actor=self.request.user, **data)
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Counselor record saved."))
        return redirect("counselors:counselor-detail", pk=counselor.pk)


class CounselorUpdateView(FormView):
    """Edit a counselor in the user's scope (404 outside it)."""

    template_name = "counselors/counselor_form.html"
    form_class = CounselorForm

    def dispatch(self, request, *args, **kwargs):
        self.counselor = get_object_or_404(counselor_queryset(actor=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "actor": self.request.user,
            "instance": self.counselor,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(counselor=self.counselor, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        try:
            counselor_update(actor=self.request.user, counselor=self.counselor, **data)
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Counselor record saved."))
        return redirect("counselors:counselor-detail", pk=self.counselor.pk)


class CounselorMeView(FormView):
    """A signed-in counselor's own record: they read it and may correct their phone only."""

    template_name = "counselors/counselor_me.html"
    form_class = CounselorPhoneForm

    def dispatch(self, request, *args, **kwargs):
        self.counselor = counselor_for_user(user=request.user)
        if self.counselor is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"phone": self.counselor.phone}

    def get_context_data(self, **kwargs):
        try:
            applications_partial = select_template([APPLICATIONS_PARTIAL]).template.name
        except TemplateDoesNotExist:
            applications_partial = None
        return super().get_context_data(
            counselor=self.counselor,
            training=counselor_training_summary(counselor=self.counselor),
            applications_partial=applications_partial,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            counselor_update_own_phone(actor=self.request.user, phone=form.cleaned_data["phone"])
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your phone number has been updated."))
        return redirect("counselors:counselor-me")
