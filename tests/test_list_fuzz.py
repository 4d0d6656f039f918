"""No query parameter of any list makes a 500: bad input is a 400 page or an ignored filter.

The lists are found, not listed: every URL of the resolver that takes no argument and answers
GET, plus each admin changelist and its export. A list's parameters are its own: the fields
of the GET forms the page renders (its filters), its FilterSet's filters where the view names
a selector, the admin's list filters, and the paging and export parameters every list shares.
Each is sent hostile values, one at a time and all together, signed in as the provincial
administrator and as a county user.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from apps.core.pagination import CURSOR_PARAM
from apps.exports.mixins import FORMAT_PARAM

# Values a list must survive: out-of-range years and keys, overflowing numbers, non-numbers,
# NUL and control characters, injection shapes, impossible dates and lookalike digits.
HOSTILE = [
    "-1",
    "0",
    "10000",
    "99999999999999999999",
    "1e400",
    "NaN",
    "abc",
    "2018-13-45",
    "\x00",
    "'; DROP TABLE x;--",
    "%",
    "٣",
    "[]",
]
# Sent to each parameter on its own too, so no parameter's refusal hides another's failure.
EACH = ["99999999999999999999"]
SHARED = [CURSOR_PARAM, "page", FORMAT_PARAM, "year", "q", "status", "o", "p", "e"]
# Not lists: signing out, switching language, and pages that only redirect or stream files.
SKIP = re.compile(r"^(accounts:logout|set-language|admin:|core:healthz)")


def _walk(patterns, namespaces=(), prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield (
                ":".join((*namespaces, pattern.name or pattern.lookup_str)),
                pattern,
                prefix + str(pattern.pattern),
            )


def _takes_no_argument(pattern: URLPattern) -> bool:
    if isinstance(pattern.pattern, RegexPattern):
        return not pattern.pattern.regex.groupindex and "(" not in pattern.pattern.regex.pattern
    return not pattern.pattern.converters


def _answers_get(pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is None or "get" in view_class.http_method_names


LIST_URLS = sorted(
    (name, "/" + route.lstrip("^").rstrip("$"), pattern)
    for name, pattern, route in _walk(get_resolver("config.urls").url_patterns)
    if not SKIP.match(name) and _takes_no_argument(pattern) and _answers_get(pattern)
)

GET_FORM = re.compile(r"<form\b[^>]*method=\"get\"[^>]*>(.*?)</form>", re.S | re.I)
FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([\w-]+)\"", re.I)


def _page_params(html: str) -> set[str]:
    """The names of the fields of the page's GET forms (its filters)."""
    return {name for form in GET_FORM.findall(html) for name in FIELD_NAME.findall(form)}


def _selector_params(pattern: URLPattern, user) -> set[str]:
    selector = getattr(getattr(pattern.callback, "view_class", None), "list_selector", None)
    if selector is None:
        return set()
    return set(selector(actor=user, filters={}).filters)


def _requests(params: set[str]):
    """(query) for every hostile value to all parameters, then the telling few to each."""
    for value in HOSTILE:
        yield dict.fromkeys(params, value)
    for name in sorted(params):
        for value in EACH:
            yield {name: value}


@pytest.fixture(params=["province_admin", "edu_wuhua"])
def fuzzer(request, client, divisions):
    user = request.getfixturevalue(request.param)
    client.force_login(user, backend="apps.accounts.backends.PortalBackend")
    client.raise_request_exception = False
    return user, client


def _fuzz(client, url: str, params: set[str]) -> list[str]:
    failures = []
    for query in _requests(params):
        response = client.get(url, query)
        if response.status_code >= 500:
            failures.append(f"{url}?{query} -> {response.status_code}")
    return failures


def test_the_walk_finds_the_lists_of_every_area():
    names = {name for name, _url, _pattern in LIST_URLS}

    assert {
        "training:course-list",
        "counselors:counselor-list",
        "inspections:order-list",
        "organizations:school-list",
    } <= names


@pytest.mark.parametrize(("name", "url", "pattern"), LIST_URLS, ids=[n for n, _u, _p in LIST_URLS])
def test_no_parameter_of_a_list_makes_a_500(name, url, pattern, fuzzer):
    user, client = fuzzer
    first = client.get(url)
    if first.status_code != 200 or "html" not in first.get("Content-Type", ""):
        # Not a page this user may open, or a file: only the shared parameters apply.
        params = set(SHARED)
    else:
        params = _page_params(first.content.decode()) | _selector_params(pattern, user)
        params |= set(SHARED)
    params.discard("csrfmiddlewaretoken")

    assert _fuzz(client, url, params) == []


def _admin_params(model_admin) -> set[str]:
    params = {"q", "o", "p", "e", "all", "_to_field"}
    for entry in model_admin.list_filter:
        path = entry[0] if isinstance(entry, tuple) else entry
        if not isinstance(path, str):
            path = getattr(entry, "parameter_name", "") or ""
        if path:
            params |= {path, f"{path}__exact", f"{path}__id__exact", f"{path}__isnull"}
    return params


ADMINS = sorted(
    (f"{model._meta.app_label}.{model._meta.model_name}", model, model_admin)
    for model, model_admin in admin.site._registry.items()
)


@pytest.mark.parametrize(("label", "model", "model_admin"), ADMINS, ids=[a[0] for a in ADMINS])
def test_no_parameter_of_an_admin_list_or_its_export_makes_a_500(label, model, model_admin, fuzzer):
    _user, client = fuzzer
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    urls = [base]
    if hasattr(model_admin, "export_action"):
        urls.append(f"{base}export/")
    params = _admin_params(model_admin)

    failures = []
    for url in urls:
        for query in [dict.fromkeys(params, value) for value in HOSTILE[:9]] + [
            {name: "abc"} for name in sorted(params)
        ]:
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append(f"{url}?{query} -> {response.status_code}")

    assert failures == []
