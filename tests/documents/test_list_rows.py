"""The staff lists' rows (written in Python by ``{% document_rows %}`` and ``{% notice_rows %}``):
the same cells, escaping and links as the templates they replace, and the same queries
whatever the number of rows."""

import datetime
import re

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.core import clock
from apps.documents import services
from apps.documents.models import Document, Notice
from tests.documents.conftest import make_draft

NASTY = "<b>&\"x'</b>"

# The rows as the list templates wrote them before (the reference for the tags).
DOCUMENT_ROWS = """{% load i18n %}{% for document in page %}
<tr data-document="{{ document.pk }}">
<th scope="row"><a href="{% url 'documents:document-detail' document.pk %}">{{ document.title }}</a></th>
<td data-label="{% translate 'Document number' %}">{{ document.number|default:"—" }}</td>
<td data-label="{% translate 'Kind' %}">{{ document.get_kind_display }}</td>
<td data-label="{% translate 'Lead issuing body' %}">{{ document.lead_body.label }}</td>
<td data-label="{% translate 'Status' %}">{% include "documents/_status.html" %}{% if document.was_sent_back %} <span class="badge decision-send_back">{% translate "sent back" %}</span>{% endif %}{% if document.is_issued %} {% include "documents/_validity.html" with validity=document.validity %}{% endif %}</td>
<td data-label="{% translate 'Date' %}">{% if document.is_issued %}<span class="date">{{ document.dated_on|date:"Y-m-d" }}</span>{% else %}—{% endif %}</td>
</tr>{% endfor %}"""  # noqa: E501

NOTICE_ROWS = """{% load i18n %}{% for notice in page %}
<tr data-notice="{{ notice.pk }}">
<th scope="row"><a href="{% url 'documents:notice-detail' notice.pk %}">{{ notice.title }}</a></th>
<td data-label="{% translate 'Publishing office' %}">{{ notice.office.label }}</td>
<td data-label="{% translate 'Date' %}"><span class="date">{{ notice.dated_on|date:"Y-m-d" }}</span></td>
<td data-label="{% translate 'Status' %}"><span class="badge {% if notice.is_published %}badge-ok{% else %}badge-muted{% endif %}">{{ notice.get_status_display }}</span></td>
</tr>{% endfor %}"""  # noqa: E501


def _tbody(html: str) -> str:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.sub(r">\s+<", "><", body).strip()


def _reference(source: str, response) -> str:
    with translation.override(response["Content-Language"]):
        html = engines["django"].from_string(source).render({"page": response.context["page"]})
    return re.sub(r">\s+<", "><", html).strip()


def _issue_directly(document, number, **fields):
    """An issued document, written straight to its row (the workflow is tested elsewhere)."""
    Document.objects.filter(pk=document.pk).update(
        status="issued", number=number, issued_on=clock.today(), **fields
    )


@pytest.fixture
def documents(office, bodies):
    """A draft with a title to escape, a draft sent back, and issued documents in force,
    amended, repealed and expired."""
    nasty = make_draft(office, bodies, co_issuers=(), title=NASTY)
    sent_back = make_draft(office, bodies, co_issuers=(), title="退回的草稿")
    Document.objects.filter(pk=sent_back.pk).update(round=1)
    later = make_draft(office, bodies, co_issuers=(), title=f"新的{NASTY}")
    _issue_directly(later, "云少工委发〔2024〕20号")
    amended = make_draft(office, bodies, co_issuers=(), title="已修改")
    _issue_directly(amended, "云少工委发〔2020〕1号", amended_by_id=later.pk)
    repealed = make_draft(office, bodies, co_issuers=(), title="已废止")
    _issue_directly(repealed, "云少工委发〔2020〕2号", repealed_by_id=later.pk)
    expired = make_draft(office, bodies, co_issuers=(), title="已失效")
    _issue_directly(
        expired,
        "云少工委发〔2020〕3号",
        valid_until=clock.today() - datetime.timedelta(days=1),
    )
    return {"nasty": nasty, "later": later, "sent_back": sent_back}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_document_rows_are_the_templates_rows(documents, office, login, language):
    client = login(office)
    client.cookies["django_language"] = language

    response = client.get(reverse("documents:document-list"), HTTP_ACCEPT_LANGUAGE=language)

    rows = _tbody(response.content.decode())
    assert rows == _reference(DOCUMENT_ROWS, response)
    assert rows.count("<tr data-document=") == 6
    assert "&lt;b&gt;&amp;&quot;x&#x27;&lt;/b&gt;" in rows
    assert NASTY not in rows
    nasty_url = reverse("documents:document-detail", args=[documents["nasty"].pk])
    assert f'<a href="{nasty_url}">&lt;b&gt;' in rows
    later_url = reverse("documents:document-detail", args=[documents["later"].pk])
    assert rows.count(f'<a href="{later_url}">') == 3  # its own row, amended, repealed
    for validity in ("in_force", "amended", "repealed", "expired"):
        assert f'data-validity="{validity}"' in rows
    assert 'data-status="drafting"' in rows
    assert 'class="badge decision-send_back"' in rows


def test_an_empty_document_list_says_so(office, login):
    response = login(office).get(reverse("documents:document-list"), {"q": "nothing-matches"})

    assert "<tr data-document=" not in response.content.decode()
    assert 'colspan="6"' in _tbody(response.content.decode())


@pytest.fixture
def notices(office, bodies):
    draft = services.notice_create(actor=office, title=NASTY, body="正文", office=bodies["office"])
    published = services.notice_create(
        actor=office, title="已发布的通知", body="正文", office=bodies["office"]
    )
    services.notice_publish(actor=office, notice=published, seen_version=published.version)
    return {"draft": draft, "published": published}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_notice_rows_are_the_templates_rows(notices, office, login, language):
    client = login(office)
    client.cookies["django_language"] = language

    response = client.get(reverse("documents:notice-list"), HTTP_ACCEPT_LANGUAGE=language)

    rows = _tbody(response.content.decode())
    assert rows == _reference(NOTICE_ROWS, response)
    assert rows.count("<tr data-notice=") == 2
    assert "&lt;b&gt;&amp;&quot;x&#x27;&lt;/b&gt;" in rows
    draft_url = reverse("documents:notice-detail", args=[notices["draft"].pk])
    assert f'<a href="{draft_url}">&lt;b&gt;' in rows
    assert 'class="badge badge-ok"' in rows
    assert 'class="badge badge-muted"' in rows


def _queries(client, url) -> int:
    client.get(url)  # the filter form's choices and the count, kept after the first visit
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_make_the_same_queries_whatever_their_rows(office, bodies, login):
    client = login(office)
    first = make_draft(office, bodies, co_issuers=())
    services.notice_create(actor=office, title="通知", body="正文", office=bodies["office"])
    document_list = reverse("documents:document-list")
    notice_list = reverse("documents:notice-list")
    one = (_queries(client, document_list), _queries(client, notice_list))

    later = make_draft(office, bodies, co_issuers=(), title="新的")
    _issue_directly(later, "云少工委发〔2024〕20号")
    _issue_directly(first, "云少工委发〔2020〕1号", amended_by_id=later.pk)
    for n in range(4):
        make_draft(office, bodies, co_issuers=(), title=f"草稿{n}")
        services.notice_create(actor=office, title=f"通知{n}", body="正文", office=bodies["office"])

    assert (_queries(client, document_list), _queries(client, notice_list)) == one
    assert Notice.objects.count() == 5
