"""No link shown to a signed-in user leads to an error page.

For each account the README lists, the walk starts at the dashboard and follows, breadth
first, every link (``<a href>``) of the portal on the pages it opens, one page per URL
pattern, on the whole demo. Every page and download it reaches must answer without an
error (after redirects): a link to a 404, 403 or 500 is a dead end the user was shown.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from apps.accounts.models import User
from tests.demo_accounts import README_ACCOUNTS

ACCOUNTS = README_ACCOUNTS
LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.S)
# Links that end the session rather than show a page.
SKIP = {"accounts:logout", "admin:logout"}


def links(html: str, base: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        href = unescape(href)
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.netloc not in ("", "testserver") or parts.path.startswith("/static/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(client: Client, start: str) -> tuple[list[str], int]:
    """The dead ends found from ``start`` (each with the page that linked to it), and how
    many pages were opened."""
    queue: deque[tuple[str, str]] = deque([(start, "start")])
    seen: set[str] = set()
    dead: list[str] = []
    opened = 0
    while queue:
        url, found_on = queue.popleft()
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            dead.append(f"{url} (on {found_on}): no such page")
            continue
        key = match.view_name or match.route
        if key in seen or key in SKIP:
            continue
        seen.add(key)
        response = client.get(url, follow=True)
        opened += 1
        if response.status_code >= 400:
            dead.append(f"{url} (on {found_on}): {response.status_code}")
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            page = response.redirect_chain[-1][0] if response.redirect_chain else url
            queue.extend((link, url) for link in links(response.content.decode(), page))
    return dead, opened


@pytest.mark.parametrize("username", ACCOUNTS)
def test_no_link_shown_to_a_readme_account_leads_to_an_error(demo_data, db, username):
    client = Client()
    client.force_login(User.objects.get(username=username))

    dead, opened = walk(client, reverse("reports:dashboard"))

    assert not dead, "\n".join(dead)
    assert opened > 5  # the walk went somewhere: the dashboard links to the account's work
