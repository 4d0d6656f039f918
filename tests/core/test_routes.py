"""An area's standard pages get their URLs and names from one helper, from the house names."""

from types import SimpleNamespace

import pytest
from django.views import View

from apps.core.routes import page, resource_urls


def _views(*names):
    return SimpleNamespace(**{name: type(name, (View,), {}) for name in names})


def test_standard_pages_and_steps_get_their_routes_names_and_views():
    views = _views("PilotListView", "PilotCreateView", "PilotDetailView", "PilotUpdateView")
    views.PilotCloseView = type("PilotCloseView", (View,), {})

    patterns = resource_urls(
        views, "pilots/", "pilot", "list", "create", "detail", "update", "close"
    )

    assert [(str(p.pattern), p.name, p.callback.view_class) for p in patterns] == [
        ("pilots/", "pilot-list", views.PilotListView),
        ("pilots/new/", "pilot-create", views.PilotCreateView),
        ("pilots/<int:pk>/", "pilot-detail", views.PilotDetailView),
        ("pilots/<int:pk>/edit/", "pilot-update", views.PilotUpdateView),
        ("pilots/<int:pk>/close/", "pilot-close", views.PilotCloseView),
    ]


def test_a_dashed_name_or_another_model_name_finds_its_views():
    views = _views("PublicNoticeListView", "WorkCommitteeDetailView")

    public = resource_urls(views, "notices/", "public-notice", "list")
    committee = resource_urls(views, "committees/", "committee", "detail", model="WorkCommittee")

    assert public[0].callback.view_class is views.PublicNoticeListView
    assert committee[0].name == "committee-detail"


def test_a_page_without_its_view_fails_at_start_up():
    with pytest.raises(AttributeError):
        resource_urls(_views("PilotListView"), "", "pilot", "list", "update")


def test_a_page_at_its_own_route_is_served_by_the_view_its_name_spells():
    views = _views("MinutesUploadView", "CoIssuerAddView")

    minutes = page(views, "<int:pk>/minutes/", "minutes-upload")
    coissuer = page(views, "<int:pk>/co-issuers/", "coissuer-add", view="CoIssuerAddView")

    assert (str(minutes.pattern), minutes.name) == ("<int:pk>/minutes/", "minutes-upload")
    assert minutes.callback.view_class is views.MinutesUploadView
    assert coissuer.callback.view_class is views.CoIssuerAddView
    with pytest.raises(AttributeError):
        page(views, "<int:pk>/", "minutes-download")
