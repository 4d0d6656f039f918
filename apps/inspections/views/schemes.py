"""School evaluation scheme pages: the list, a scheme with each item's share, the form with
its items, and putting a scheme in force."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.forms import apply_service_errors
from apps.core.views import get_or_404, keyset_page
from apps.inspections import selectors, services
from apps.inspections.forms import EvaluationItemFormSet, EvaluationSchemeForm, item_formset_initial
from apps.inspections.history import with_parts
from apps.inspections.models import EvaluationItem
from apps.inspections.permissions import Perm
from apps.inspections.views.common import DetailPage


class EvaluationSchemeListView(TemplateView):
    template_name = "inspections/evaluationscheme_list.html"
    extra_context = {"title": _("School evaluation schemes")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schemes = selectors.scheme_list(actor=self.request.user)
        context["page"] = keyset_page(self.request, schemes, selectors.SCHEME_ORDER)
        return context


class EvaluationSchemeDetailView(DetailPage):
    selector = selectors.scheme_get
    context_object_name = "scheme"

    def history(self, scheme) -> list:
        items = (EvaluationItem, {"scheme_id": scheme.pk})
        return with_parts(scheme, items, viewer=self.request.user)

    def object_context(self, scheme) -> dict:
        items = list(scheme.items.all())
        total = sum(item.weight for item in items)
        return {
            "items": [(item, item.weight / total * 100 if total else None) for item in items],
            "total": total,
            # The right to change schemes, and this one issued inside the user's own subtree
            # (a scheme issued above them is theirs to read only).
            "can_change": self.request.user.has_perm(Perm.CHANGE_SCHEME)
            and selectors.schemes_editable(actor=self.request.user).filter(pk=scheme.pk).exists(),
        }


class EvaluationSchemeFormView(TemplateView):
    """The scheme form and the formset of its other items, saved by one service call;
    ``object`` is the scheme being changed, or None for a new one."""

    template_name = "inspections/evaluationscheme_form.html"
    object = None

    def forms(self, data=None):
        form = EvaluationSchemeForm(data, actor=self.request.user, instance=self.object)
        initial = None if data is not None else item_formset_initial(self.object)
        return form, EvaluationItemFormSet(data, prefix="items", initial=initial)

    def render_forms(self, form, formset):
        context = {"form": form, "formset": formset, "object": self.object}
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self.render_forms(*self.forms())

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if not (form.is_valid() and formset.is_valid()):
            return self.render_forms(form, formset)
        data = form.cleaned_data
        try:
            scheme = services.evaluation_scheme_save(
                actor=request.user,
                scheme=self.object,
                name=data["name"],
                year=data["year"],
                division=data["division"],
                description=data["description"],
                young_pioneer_weight=data["young_pioneer_weight"],
                items=formset.items(),
                seen_version=data.get("version"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.render_forms(form, formset)
        messages.success(request, _("Evaluation scheme saved."))
        return redirect(scheme.get_absolute_url())


class EvaluationSchemeCreateView(EvaluationSchemeFormView):
    pass


class EvaluationSchemeUpdateView(EvaluationSchemeFormView):
    def dispatch(self, request, *args, **kwargs):
        self.object = get_or_404(selectors.scheme_for_edit, actor=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)
