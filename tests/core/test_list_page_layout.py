"""``templates/_partials/list_page.html``: a list's ``title`` is its page title, its heading
and its table's caption; the page fills in its buttons, columns and rows."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

PAGE = """{% extends "_partials/list_page.html" %}
{% block actions %}<a class="button" data-action="add">Add</a>{% endblock %}
{% block table_data %} data-table="things"{% endblock %}
{% block head %}<th scope="col">Name</th>{% endblock %}
{% block rows %}{% for row in page %}<tr data-row="{{ row }}"></tr>{% endfor %}{% endblock %}
"""


def _render(page: list) -> str:
    request = RequestFactory().get("/things/")
    request.user = AnonymousUser()
    context = {"title": "Things", "page": page}
    return engines["django"].from_string(PAGE).render(context, request)


def test_the_title_heads_the_page_and_captions_its_table():
    html = _render(["a", "b"])

    assert "<title>Things</title>" in html.replace("\n", "")
    assert "<h1>Things</h1>" in html
    assert '<caption class="visually-hidden">Things</caption>' in html
    assert '<table class="data-table cards" data-table="things">' in html
    assert '<thead><tr><th scope="col">Name</th></tr></thead>' in html
    assert '<tr data-row="a"></tr><tr data-row="b"></tr>' in html
    assert '<div class="button-row"><a class="button" data-action="add">Add</a></div>' in html


def test_a_list_without_a_filter_shows_no_filter_form():
    html = _render([])

    assert '<form method="get" class="filters"' not in html
