"""What every request needs settled before any view reads it: the client's own address
behind a reverse proxy, and requests no page of the portal can answer."""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import BadRequest


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """Behind a reverse proxy every request comes from the proxy's address. When it comes
    from one of ``TRUSTED_PROXIES`` (addresses or networks), the client's address is the
    proxy's ``X-Real-IP`` header, which nginx sets and overwrites (deploy/nginx): from then
    on ``REMOTE_ADDR`` is the client's, for the sign-in throttle and lockout, the security
    log and the public objection limit alike. From anywhere else the header is ignored,
    so a client cannot name its own address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        proxies = tuple(settings.TRUSTED_PROXIES)
        if proxies:
            peer = _address(request.META.get("REMOTE_ADDR", ""))
            client = _address(request.META.get("HTTP_X_REAL_IP", ""))
            trusted = peer is not None and any(
                peer in network for network in _trusted_networks(proxies)
            )
            if trusted and client is not None:
                request.META["REMOTE_ADDR"] = str(client)
        return self.get_response(request)


class RejectNulQueryMiddleware:
    """A query string carrying a NUL character is a 400: PostgreSQL stores no NUL in text,
    so a filter or search that reached the database with one would fail there (a 500), and
    no real link or form produces it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)
