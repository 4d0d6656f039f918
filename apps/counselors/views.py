"""Pages of the counselor registry: the list, a record, its form, and a counselor's own record.

A record page shows what the other areas know of the counselor (training, titles...) as
facts they contribute (``counselor_facts``); this area imports none of them.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.history import history_panel
from apps.core.views import FilteredListView, ObjectFormView, ServiceFormView, get_or_404
from apps.counselors.forms import CounselorForm, CounselorPhoneForm
from apps.counselors.permissions import Perm
from apps.counselors.selectors import (
    counselor_facts,
    counselor_for_user,
    counselor_get,
    counselor_list,
)
from apps.counselors.services import (
    STAFF_FIELDS,
    counselor_create,
    counselor_update,
    counselor_update_own_phone,
)
from apps.exports.mixins import ListExportMixin

# A unique order of non-NULL columns for keyset pages (index counselor_keyset_order).
COUNSELOR_ORDER = ("county_id", "name", "id")


class CounselorListView(ListExportMixin, FilteredListView):
    """Counselors in the user's scope, filtered, a page at a time; ``?format=xlsx|csv``
    exports the filtered rows, masked as on the page (apps.counselors.exports)."""

    export_kind = "counselors"
    list_selector = counselor_list
    ordering = COUNSELOR_ORDER
    # What {% counselor_rows %} shows and masks by.
    row_fields = (
        *("name", "post", "post_rank", "teacher_title", "id_number", "phone", "user_id"),
        *("county__name", "school__name"),
    )


class CounselorDetailView(TemplateView):
    """One counselor in the user's scope (404 outside it), with what the areas know of them."""

    template_name = "counselors/counselor_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        counselor = get_or_404(counselor_get, actor=user, pk=kwargs["pk"])
        return super().get_context_data(
            counselor=counselor,
            facts=counselor_facts(counselor=counselor, viewer=user),
            can_change=user.has_perm(Perm.CHANGE_COUNSELOR),
            history=history_panel(counselor, viewer=user),
            **kwargs,
        )


class _CounselorFormMixin:
    template_name = "counselors/counselor_form.html"
    form_class = CounselorForm
    success_message = _("Counselor record saved.")
    form_takes_actor = True

    def get_instance(self):
        return getattr(self, "object", None)

    def staff_data(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in STAFF_FIELDS}

    def success_url_for(self, saved):
        return reverse("counselors:counselor-detail", args=[saved.pk])


class CounselorCreateView(_CounselorFormMixin, ServiceFormView):
    """Add a counselor to a county or school in the user's scope."""

    def perform(self, form):
        return counselor_create(actor=self.request.user, **self.staff_data(form))


class CounselorUpdateView(_CounselorFormMixin, ObjectFormView):
    """Edit a counselor in the user's scope (404 outside it); refused when someone changed
    the record after the form was loaded."""

    selector = counselor_get

    def perform(self, form):
        return counselor_update(
            actor=self.request.user,
            counselor=self.object,
            seen_version=form.cleaned_data["version"],
            **self.staff_data(form),
        )


class CounselorMeView(ServiceFormView):
    """A signed-in counselor's own record: they read it and may correct their phone only."""

    template_name = "counselors/counselor_me.html"
    form_class = CounselorPhoneForm
    success_message = _("Your phone number has been updated.")

    def load(self):
        self.counselor = counselor_for_user(user=self.request.user)
        if self.counselor is None:
            raise Http404

    def get_initial(self):
        return {"phone": self.counselor.phone}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counselor=self.counselor,
            facts=counselor_facts(counselor=self.counselor, viewer=self.request.user),
            history=history_panel(self.counselor, viewer=self.request.user),
            **kwargs,
        )

    def perform(self, form):
        return counselor_update_own_phone(actor=self.request.user, phone=form.cleaned_data["phone"])

    def success_url_for(self, saved):
        return reverse("counselors:counselor-me")
