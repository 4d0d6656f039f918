"""The URL patterns of an area's pages about one kind of row, built the same way everywhere
from the house names: page ``<page>`` of ``<name>`` rows is the view ``<Name><Page>View``
and the URL name ``<name>-<page>``.

    *resource_urls(views, "pilots/", "pilot", "list", "detail")

gives ``pilots/`` (``PilotListView``, named ``pilot-list``) and ``pilots/<int:pk>/``
(``PilotDetailView``, named ``pilot-detail``). A page at any other route is named and
served the same way by ``page``:

    page(views, "<int:pk>/minutes/", "minutes-upload")

is ``<int:pk>/minutes/``, served by ``MinutesUploadView`` and named ``minutes-upload``.
"""

from __future__ import annotations

from types import ModuleType

from django.urls import URLPattern, path

# Where each standard page lives under the resource's prefix; any other page is a step on
# one row, at <int:pk>/<page>/.
PAGE_ROUTES = {
    "list": "",
    "create": "new/",
    "detail": "<int:pk>/",
    "update": "<int:pk>/edit/",
}


def camel(name: str) -> str:
    """``public-document`` -> ``PublicDocument``."""
    return "".join(part.capitalize() for part in name.split("-"))


def resource_urls(
    views: ModuleType, prefix: str, name: str, *pages: str, model: str = ""
) -> list[URLPattern]:
    """The ``pages`` of ``name`` rows under ``prefix``: ``list`` at the prefix, ``create`` at
    ``new/``, ``detail`` at ``<int:pk>/``, ``update`` at ``<int:pk>/edit/`` and any other
    page at ``<int:pk>/<page>/``; each served by ``<Model><Page>View`` from ``views``
    (``Model`` is ``name`` in CamelCase unless ``model`` says otherwise; a missing view
    fails at start-up) and named ``<name>-<page>``."""
    model = model or camel(name)
    return [
        path(
            prefix + PAGE_ROUTES.get(page, f"<int:pk>/{page}/"),
            getattr(views, f"{model}{camel(page)}View").as_view(),
            name=f"{name}-{page}",
        )
        for page in pages
    ]


def page(views: ModuleType, route: str, name: str, *, view: str = "") -> URLPattern:
    """``route`` served by ``<Name>View`` from ``views`` (``view`` when the name's CamelCase
    is not the view's spelling; a missing view fails at start-up), named ``name``."""
    return path(route, getattr(views, view or f"{camel(name)}View").as_view(), name=name)
