"""``ObjectDetailView``: its record in the context as ``object`` and by its own name;
``rows_history``, the changes of the rows the page shows with its record, read for the
viewer and each named by a label written as a format string."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.test import RequestFactory
from django.utils import translation

from apps.core import views as core_views
from apps.core.views import ObjectDetailView
from apps.pairing.models import Activity


def test_it_reads_the_rows_for_the_viewer_and_names_each_by_the_label(monkeypatch):
    # given a page's view and the history it would read
    calls = []

    def fake_history(model, **kwargs):
        calls.append((model, kwargs))
        return ["entries"]

    monkeypatch.setattr(core_views, "history_of_related", fake_history)
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(pk=7)
    view = ObjectDetailView()
    view.setup(request)

    # when it asks for the activities of a pairing
    entries = view.rows_history(Activity, "{name}（{row.held_on:%Y-%m-%d}）", pairing_id=3)

    # then the history is the viewer's, filtered, and a row is named by the format
    assert entries == ["entries"]
    [(model, kwargs)] = calls
    assert model is Activity
    assert kwargs["viewer"] is request.user
    assert kwargs["pairing_id"] == 3
    row = SimpleNamespace(held_on=datetime.date(2024, 5, 1))
    with translation.override("en"):
        assert kwargs["label"](row) == f"{Activity._meta.verbose_name}（2024-05-01）"


def test_its_label_may_shorten_a_long_text(monkeypatch):
    labels = []
    monkeypatch.setattr(
        core_views, "history_of_related", lambda model, **kwargs: labels.append(kwargs["label"])
    )
    view = ObjectDetailView()
    view.setup(RequestFactory().get("/"))
    view.request.user = None

    view.rows_history(Activity, "{name}：{row.text:.5}", id__in=[1])

    with translation.override("en"):
        assert labels[0](SimpleNamespace(text="abcdefgh")).endswith("：abcde")


def test_a_record_page_has_its_record_as_object_and_by_its_own_name():
    record = SimpleNamespace(pk=5)

    class PilotPage(ObjectDetailView):
        template_name = "unused.html"
        context_object_name = "pilot"

        @staticmethod
        def selector(*, actor, pk):
            return record

    view = PilotPage()
    view.setup(RequestFactory().get("/"), pk=5)
    view.request.user = None

    context = view.get_context_data(pk=5)

    assert context["object"] is record
    assert context["pilot"] is record
