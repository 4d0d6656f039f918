"""``PageFormPostView``'s default step: the form's values go to the view's service with the
row, the version the page showed as ``seen_version``."""

from __future__ import annotations

from types import SimpleNamespace

from django.test import RequestFactory

from apps.core.views import PageFormPostView


def _row(model_name: str):
    return SimpleNamespace(_meta=SimpleNamespace(model_name=model_name))


def _view(view_class):
    view = view_class()
    view.setup(RequestFactory().post("/"))
    view.request.user = "the actor"
    return view


def test_it_hands_the_values_and_the_seen_version_to_the_service():
    calls = []

    class StepView(PageFormPostView):
        service = staticmethod(lambda **kwargs: calls.append(kwargs))

    row = _row("document")
    form = SimpleNamespace(cleaned_data={"number": "12号", "version": 4})

    _view(StepView).perform(row, form)

    assert calls == [{"actor": "the actor", "document": row, "number": "12号", "seen_version": 4}]
    assert form.cleaned_data == {"number": "12号", "version": 4}


def test_it_names_the_row_by_its_keyword_and_passes_an_unversioned_form_as_it_is():
    calls = []

    class StepView(PageFormPostView):
        service = staticmethod(lambda **kwargs: calls.append(kwargs))
        object_keyword = "notice"

    row = _row("noticeattachment")

    _view(StepView).perform(row, SimpleNamespace(cleaned_data={"body": "x"}))

    assert calls == [{"actor": "the actor", "notice": row, "body": "x"}]
