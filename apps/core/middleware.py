"""Requests no page of the portal can answer, refused before any view reads them."""

from __future__ import annotations

from django.core.exceptions import BadRequest


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
