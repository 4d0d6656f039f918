"""Rendering a snippet that uses the portal's own template tags."""

from django.template import Context, Template


def render(source: str, **context) -> str:
    """``source`` rendered with ``{% load portal %}`` and ``context``."""
    return Template("{% load portal %}" + source).render(Context(context))
