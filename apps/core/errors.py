"""Error pages in the portal's own layout."""

import sys

from django.shortcuts import render
from django.views import defaults

from apps.core.outage import database_unavailable, outage_response


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def server_error(request):
    """A lost database raised outside a view (the session lookup in a middleware) is the
    maintenance page, like one raised inside a view (``apps.core.outage``); any other error
    keeps Django's 500 page."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        return outage_response(request, exc)
    return defaults.server_error(request)
