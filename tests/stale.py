"""Lost updates, as two people meet them: both open the same edit page, one saves, then the
other saves the page they still have open. The second save is refused with the core's
message above the form, what they typed is shown again, and the first save stands.

``assert_stale_save_refused`` plays that out on the real pages; each area's test names the
page, the two people (often someone and ``colleague_of`` them), what each of them typed and
the stored row, which must hold what was saved first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.test import Client
from django.utils import translation

from apps.core.models import VersionedModel
from apps.core.versioning import STALE_MESSAGE
from tests.factories import UserFactory


def _posted(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def form_data(form: forms.BaseForm) -> dict:
    """What a browser posts for ``form`` as the page showed it (files left out)."""
    data = {}
    for name, field in form.fields.items():
        value, key = form[name].value(), form.add_prefix(name)
        if isinstance(field, forms.FileField) or value is None:
            continue
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [_posted(item) for item in value]
        else:
            data[key] = _posted(value)
    return data


def page_data(context) -> dict:
    """What the page's form posts, with its formset's rows when it has one."""
    data = form_data(context["form"])
    formset = context.get("formset")
    if formset is not None:
        data.update(form_data(formset.management_form))
        for row in formset:
            data.update(form_data(row))
    return data


def signed_in(user) -> Client:
    """A browser of its own, signed in as ``user``."""
    client = Client()
    client.force_login(user, backend="apps.accounts.backends.PortalBackend")
    return client


def colleague_of(user):
    """Another user (``<username>_2``) of ``user``'s role and division, who can open and save
    the same pages."""
    return UserFactory(username=f"{user.username}_2", role=user.role, division=user.division)


def open_form(client: Client, url: str) -> dict:
    """The edit page at ``url`` loaded by ``client``: the data its form would post."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return page_data(page.context)


def assert_stale_save_refused(*, first, second, url: str, theirs: dict, mine: dict, row=None):
    """``first`` and ``second`` (users) open the edit page at ``url``; ``second`` saves
    ``theirs``; then ``first`` saves ``mine`` from the page opened before. Asserts the
    second save went through and the first was refused, with the core's message above the
    form and ``mine`` shown again. With ``row`` (the model instance the page edits), asserts
    it holds ``theirs`` (as stored values) and, when it carries its own version, is one
    version on from the page. Returns the refused response."""
    their_browser = signed_in(second)

    def they_save():
        their_page = open_form(their_browser, url)
        saved = their_browser.post(url, {**their_page, **theirs})
        assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved

    response = assert_refused_after(first=first, url=url, mine=mine, meanwhile=they_save)
    if row is not None:
        row.refresh_from_db()
        assert {name: getattr(row, name) for name in theirs} == theirs
        if isinstance(row, VersionedModel):
            assert row.version == int(response.context["form"]["version"].value()) + 1
    return response


def assert_refused_after(*, first, url: str, mine: dict, meanwhile):
    """``first`` (a user) opens the form at ``url``; ``meanwhile()`` changes the row; then
    ``first`` posts the page with ``mine`` typed in. Asserts the refusal: the core's message
    above the form, no field blamed, ``mine`` shown again. Returns the response."""
    # given the page was opened
    browser = signed_in(first)
    page = open_form(browser, url)
    assert "version" in page, "the form carries no version"

    # when someone else changes the row, then the page opened before is saved
    meanwhile()
    response = browser.post(url, {**page, **mine})

    # then it is refused, and says why, above the form
    assert response.status_code == 200
    form = response.context["form"]
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    assert set(form.errors) == {"__all__"}, form.errors
    content = response.content.decode()
    with translation.override("zh-hans"):
        assert str(STALE_MESSAGE) in content
    # and what was typed is still on the page, to be made again once reloaded
    for name, value in mine.items():
        assert form[name].value() == value
        assert str(value) in content
    return response
