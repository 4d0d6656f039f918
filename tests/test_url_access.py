"""Every URL has an access rule, and no non-public page opens for a signed-out visitor.

The walk covers the whole of config.urls, the admin's and the i18n patterns included, so a
new URL without a rule in its area's ``permissions.URL_RULES`` fails here before it ships.
"""

import re
import uuid

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.urls.resolvers import RegexPattern

from apps.core.access import rule_for
from apps.core.registry import url_rules

URL_RULES = url_rules()

# Sample values for path converters, by parameter name first, then by what the converter
# accepts: a county code for division codes, 1 for keys.
SAMPLES_BY_NAME = {"code": "530102", "year": "2018", "token": "sample-token"}
SAMPLE_CANDIDATES = ["530102", "1", "sample", str(uuid.UUID(int=1))]


def _walk(patterns, namespaces=(), prefix=""):
    """(view name, pattern, full route) for every URL pattern, recursively."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            # An unnamed pattern resolves to the view's dotted path, as ResolverMatch does.
            name = pattern.name or pattern.lookup_str
            yield ":".join((*namespaces, name)), pattern, prefix + str(pattern.pattern)


ALL_URLS = list(_walk(get_resolver("config.urls").url_patterns))


def _sample(name: str, converter) -> str:
    if name in SAMPLES_BY_NAME:
        return SAMPLES_BY_NAME[name]
    for candidate in SAMPLE_CANDIDATES:
        if re.fullmatch(converter.regex, candidate):
            return candidate
    raise AssertionError(f"No sample value for <{name}> ({converter!r})")


def _sample_url(view_name: str, pattern: URLPattern, route: str) -> str:
    if isinstance(pattern.pattern, RegexPattern):
        return reverse(view_name, kwargs=dict.fromkeys(pattern.pattern.regex.groupindex, "1"))
    kwargs = {n: _sample(n, c) for n, c in pattern.pattern.converters.items()}
    if pattern.name:
        return reverse(view_name, kwargs=kwargs)
    # An unnamed pattern cannot be reversed: fill its route by hand.
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)


def test_the_walk_reaches_every_part_of_the_url_tree():
    names = {name for name, _pattern, _route in ALL_URLS}

    assert {"core:home", "accounts:login", "reports:dashboard", "set-language"} <= names
    assert {"admin:index", "admin:login", "admin:accounts_user_changelist"} <= names


def test_every_url_has_an_access_rule():
    missing = sorted(
        f"{name} ({route})" for name, _p, route in ALL_URLS if rule_for(name, URL_RULES) is None
    )

    assert missing == []


NON_PUBLIC = [
    pytest.param(name, pattern, route, id=name)
    for name, pattern, route in ALL_URLS
    if (rule := rule_for(name, URL_RULES)) is not None and not rule.public
]


def test_there_are_non_public_pages_to_check():
    assert len(NON_PUBLIC) >= 3


@pytest.mark.parametrize(("view_name", "pattern", "route"), NON_PUBLIC)
def test_a_signed_out_visitor_is_sent_to_sign_in(client, view_name, pattern, route):
    url = _sample_url(view_name, pattern, route)

    response = client.get(url)

    assert response.status_code in (302, 404), f"{url} answered {response.status_code}"
    if response.status_code == 302:
        assert response.url.startswith(reverse("accounts:login")), response.url


# Pages whose areas want the redirect itself, not merely no page: a signed-out visitor is
# sent to sign in before anything is looked up, so a key that does not exist is no 404.
@pytest.mark.parametrize(
    "name, args",
    [
        ("meetings:meeting-list", []),
        ("meetings:minutes-download", [1]),
        ("transition:pilot-list", []),
        ("transition:pilot-detail", [1]),
    ],
)
def test_an_area_page_sends_a_signed_out_visitor_to_sign_in(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_admin_sends_a_signed_out_visitor_to_its_sign_in(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# A URL conf with a view that has no rule, for the middleware's default deny.
def _unruled_view(request):
    return HttpResponse("should never be served")


urlpatterns = [path("unruled/", _unruled_view, name="unruled-probe")]


@pytest.mark.urls(__name__)
def test_the_middleware_refuses_a_view_without_a_rule(client, django_user_model, db):
    assert client.get("/unruled/").status_code == 403

    superuser = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(superuser, backend="apps.accounts.backends.PortalBackend")

    response = client.get("/unruled/")

    assert response.status_code == 403
    assert b"should never be served" not in response.content
