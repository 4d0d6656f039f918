"""Public by decision: every page a signed-out visitor can reach, and what it may show.

The walk finds the pages by itself, so a new area's public pages are covered the day they
are mounted: every URL pattern whose access rule is public (``apps.core.registry.url_rules``,
gathered from each area's ``permissions.URL_RULES``), then, breadth-first from ``/``, every
link, redirect and GET form (filled with search terms) on the pages walked, and last every
public URL taking an integer key, tried with the keys of unpublished rows and their files.
Each is opened signed out, on the whole demo, seeded once for the module.

What a page shows (its text, the data it hands to scripts, its ``title``/``alt``/``aria-*``/
``data-*`` attributes and input values, a download's file name) is checked against an
allow-list of what a published 公示, 表彰决定, funds page, circular or document carries. The
rules are general, never about one page; what is secret is read from the rows of every
installed model, so a new area's data is covered as well:

- no ID number (GB 11643, whole or masked);
- no mobile phone number (an office landline with its area code is allowed), and no value
  of a person's own ``id_number``/``phone``/``mobile``/``email`` fields;
- no e-mail address, except an office contact marked ``data-office-contact`` (on a 公示);
- no person's name (a row of any model standing for a person: it has ``person_name``; staff
  accounts excepted, a contact being public) outside an element marked ``data-nominee`` (a
  nominee's name and unit on a 公示 or final list); and none at all, even there, for a person
  whose model records consent (a field named ``*consent*``) that is not recorded;
- no draft: no title of a row not published (a null ``issued_on``/``issued_at``/
  ``published_on``/``published_at``, ``is_published`` false, or a status naming a draft)
  unless a published row of the same model has that title too; no file attached to one;
- no objection: nothing held by a model whose name says it is an objection;
- no county count from 1 to 4 in a public figure about children: a chart about children
  with a county row, an indicator about children by county, or the same in the data a public
  section of the home hands its template.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import reduce
from html import unescape
from html.parser import HTMLParser
from operator import or_
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.template import Context, Template
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from apps.core import clock, registry
from apps.core.access import ADMIN_SITE, rule_for
from apps.core.charts import from_breakdown
from apps.counselors.models import Counselor
from apps.documents.choices import BodyKind, DocumentStatus
from apps.documents.models import Document, IssuingBody
from apps.documents.services import notice_create, notice_publish

# --- What a public page may not show ---------------------------------------------------------

# GB 11643: region, birth date, sequence and check character; and the masked form of the
# registry pages (5301**********1234), which still names a person's region and sequence.
ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"\d{3}[0-9Xx](?![0-9A-Za-z])"
)
MASKED_ID_NUMBER = re.compile(r"(?<![0-9])\d{2,6}[*＊]{6,14}\d{2,4}[0-9Xx]?(?![0-9])")
# A mainland mobile number, with or without +86 and separators; landlines start with 0.
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?![0-9])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Figures about children: a chart whose title, summary or headings say so (not a count of
# schools for migrant workers' children), or an indicator whose key starts with the word.
CHILD_WORDS = re.compile(
    r"儿童|少先队员|孩子|学生|未成年|\b(?:child|children|pupils?|minors?|students?)\b(?!'?s?\s+schools?)",
    re.I,
)
CHILD_KEY = re.compile(r"(?:children|child|pupils?|minors?|students?|kids?)(?:_|$)")
COUNTY_CODE = re.compile(r"\d{4}(?!00)\d{2}")
SMALL_COUNTS = range(1, 5)

# How the data says a row is not public yet, and what a person's own contact fields are.
PUBLICATION_DATES = ("issued_on", "issued_at", "published_on", "published_at")
PERSONAL_FIELD = re.compile(r"(id_number|id_card|phone|mobile|email)$")
NAME_FIELDS = ("name", "holder_name", "full_name")
# Shorter titles could be ordinary words of another page.
MIN_TITLE = 6

# The markers of the allow-list: a nominee on a 公示 or final list, an office contact.
NOMINEE = "data-nominee"
OFFICE_CONTACT = "data-office-contact"

# --- The walk's bounds --------------------------------------------------------------------

MAX_PAGES = 1500
# Facets and pages of one list multiply: enough of each view to reach its rows.
MAX_PER_VIEW = 40
# Status codes a public URL may answer with: a page, a redirect (to a sign-in page), a row
# that does not exist or is not public, a method it does not take.
FINE_STATUSES = {200, 204, 301, 302, 303, 304, 404, 405}
# Terms the walk types into a GET form's text boxes, besides the titles of unpublished rows.
SEARCH_TERMS = ("少先队", "辅导员")
TEXT_BOXES = ("text", "search", "textarea")


# --- What the data holds that no public page may show ----------------------------------------


@dataclass
class Secrets:
    """Text no public page may show, each with what it is (for the failure message)."""

    values: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    unconsented: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    file_names: dict[str, str] = field(default_factory=dict)
    unpublished_keys: set[int] = field(default_factory=set)


def _data_models() -> Iterator[type[models.Model]]:
    """Every installed model holding rows of its own (no proxy, no history table)."""
    for model in apps.get_models():
        fields = {f.name for f in model._meta.concrete_fields}
        if not model._meta.proxy and "history_id" not in fields:
            yield model


def _fields(model) -> dict[str, models.Field]:
    return {f.name: f for f in model._meta.concrete_fields}


def unpublished(model) -> models.Q | None:
    """The rows of ``model`` that are not published, by what its fields say; None when the
    model has no notion of publishing."""
    fields = _fields(model)
    conditions = []
    if isinstance(fields.get("is_published"), models.BooleanField):
        conditions.append(models.Q(is_published=False))
    for name in PUBLICATION_DATES:
        if name in fields and fields[name].null:
            conditions.append(models.Q(**{f"{name}__isnull": True}))
    status = fields.get("status")
    if status is not None and status.choices:
        drafts = [value for value, _label in status.flatchoices if "draft" in str(value)]
        if drafts:
            conditions.append(models.Q(status__in=drafts))
    return reduce(or_, conditions) if conditions else None


def _strings(model, queryset, names) -> Iterator[tuple[str, str]]:
    """(field, text) of every non-empty text value of ``names`` in ``queryset``."""
    if not names:
        return
    for row in queryset.values_list(*names):
        for name, value in zip(names, row, strict=True):
            if isinstance(value, str) and value.strip():
                yield name, value.strip()


def _collect_drafts(model, secrets: Secrets) -> None:
    condition = unpublished(model)
    if condition is None:
        return
    label = model._meta.label
    hidden = model._default_manager.filter(condition)
    secrets.unpublished_keys.update(hidden.values_list("pk", flat=True))
    if "title" in _fields(model):
        shown = set(model._default_manager.exclude(condition).values_list("title", flat=True))
        for title in hidden.values_list("title", flat=True):
            if len(title) >= MIN_TITLE and title not in shown:
                secrets.titles[title] = f"title of an unpublished {label}"
    # Files attached to an unpublished row (its attachments, signed pages...).
    for related in model._meta.related_objects:
        attached = related.related_model
        file_fields = [f for f in attached._meta.concrete_fields if isinstance(f, models.FileField)]
        if not file_fields or not isinstance(related.field, models.ForeignKey):
            continue
        rows = attached._default_manager.filter(**{f"{related.field.name}__in": hidden})
        secrets.unpublished_keys.update(rows.values_list("pk", flat=True))
        name_field = "original_name" if "original_name" in _fields(attached) else None
        for name in rows.values_list(name_field or file_fields[0].name, flat=True):
            if name:
                secrets.file_names[str(name).rsplit("/", 1)[-1]] = f"file of an unpublished {label}"


def _collect_person(model, secrets: Secrets) -> None:
    fields = _fields(model)
    label = model._meta.label
    personal = [name for name in fields if PERSONAL_FIELD.search(name)]
    for name, value in _strings(model, model._default_manager.all(), personal):
        secrets.values[value] = f"{label}.{name}"
    if model is get_user_model():
        return  # staff accounts: a contact's name is public, their own numbers are not
    name_field = next((name for name in NAME_FIELDS if name in fields), None)
    assert name_field, f"{label} stands for a person: which field holds the name?"
    for _name, value in _strings(model, model._default_manager.all(), [name_field]):
        secrets.names[value] = f"name of a {label}"
    consent = [name for name in fields if "consent" in name]
    if consent:
        missing = reduce(
            or_,
            (models.Q(**{name: False}) | models.Q(**{f"{name}__isnull": True}) for name in consent),
        )
        for _name, value in _strings(model, model._default_manager.filter(missing), [name_field]):
            secrets.unconsented[value] = f"name of a {label} without recorded consent"


def _collect_objections(model, secrets: Secrets) -> None:
    text = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]
    for name, value in _strings(model, model._default_manager.all(), text):
        if len(value) >= 2:
            secrets.values[value] = f"{model._meta.label}.{name} (an objection)"


def gather_secrets() -> Secrets:
    """What the data of every installed model holds that no public page may show."""
    secrets = Secrets()
    for model in _data_models():
        _collect_drafts(model, secrets)
        if isinstance(getattr(model, "person_name", None), property):
            _collect_person(model, secrets)
        if "objection" in model._meta.model_name:
            _collect_objections(model, secrets)
    return secrets


# --- Reading a page ------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SHOWN_ATTRIBUTE = re.compile(r"(title|alt|aria-[\w-]+|placeholder|content|value|data-[\w-]+)$")
HAN = re.compile(r"[\u3400-\u9fff]+")


@dataclass
class Chunk:
    """A piece of what the page shows, and whether it sits inside an allow-list marker."""

    text: str
    nominee: bool = False
    office_contact: bool = False


@dataclass
class Form:
    action: str
    inputs: list[tuple[str, str, str, int]] = field(default_factory=list)  # name, type, value, max


class PageReader(HTMLParser):
    """The text, shown attributes, script data, links and GET forms of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []
        self.chunks: list[Chunk] = []
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._raw: str | None = None  # inside <script>/<style>: None, or collecting JSON

    def _flags(self) -> tuple[bool, bool]:
        return (any(s[1] for s in self.stack), any(s[2] for s in self.stack))

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        nominee, office = self._flags()
        nominee, office = nominee or NOMINEE in attrs, office or OFFICE_CONTACT in attrs
        for name, value in attrs.items():
            secret_token = name == "value" and attrs.get("name") == "csrfmiddlewaretoken"
            if SHOWN_ATTRIBUTE.fullmatch(name) and value and not secret_token:
                self.chunks.append(Chunk(value, nominee, office))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            is_get = attrs.get("method", "get").lower() == "get"
            self._form = Form(attrs.get("action", "")) if is_get else None
        if tag in ("input", "select", "textarea") and self._form is not None and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            limit = int(attrs["maxlength"]) if attrs.get("maxlength", "").isdigit() else 50
            self._form.inputs.append((attrs["name"], kind, attrs.get("value", ""), limit))
        if tag in ("script", "style"):
            self._raw = "" if attrs.get("type") == "application/json" else None
        if tag not in VOID:
            self.stack.append((tag, NOMINEE in attrs, OFFICE_CONTACT in attrs))

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        if tag == "script" and self._raw:
            # json_script escapes non-ASCII text: read the data as the script will.
            nominee, office = self._flags()
            self.chunks.extend(Chunk(text, nominee, office) for text in _json_texts(self._raw))
        if tag in ("script", "style"):
            self._raw = None
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            if self._raw is not None:
                self._raw += data
            return
        if data.strip():
            self.chunks.append(Chunk(data, *self._flags()))


def _json_texts(raw: str) -> Iterator[str]:
    def walk(value):
        if isinstance(value, Mapping):
            for key, inner in value.items():
                yield str(key)
                yield from walk(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                yield from walk(inner)
        elif value is not None:
            yield str(value)

    try:
        yield from walk(json.loads(raw))
    except ValueError:
        yield raw


def _names_in(text: str, names: Mapping[str, str]) -> Iterator[str]:
    """Person names in ``text``: a name standing alone between non-Han characters (a table
    cell, 姓名（单位）), or one of three characters or more anywhere in running text."""
    for run in HAN.findall(text):
        if run in names:
            yield run
            continue
        for size in (3, 4):
            for start in range(len(run) - size + 1):
                if run[start : start + size] in names:
                    yield run[start : start + size]


# --- The rules ---------------------------------------------------------------------------


def _without_echo(text: str, echoed: Iterable[str]) -> str:
    # What the visitor typed comes back in the search box and the results' heading.
    for value in echoed:
        if value:
            text = text.replace(value, "")
    return text


def text_leaks(chunks: Iterable[Chunk], secrets: Secrets, *, echoed=()) -> list[str]:
    """The rules on what a page shows, chunk by chunk."""
    found = []
    for chunk in chunks:
        text = _without_echo(chunk.text, echoed)
        for match in ID_NUMBER.findall(text) + MASKED_ID_NUMBER.findall(text):
            found.append(f"an ID number: {match}")
        for match in MOBILE.findall(text):
            found.append(f"a mobile phone number: {match}")
        if not chunk.office_contact:
            found.extend(f"an e-mail address: {match}" for match in EMAIL.findall(text))
        for value, what in (*secrets.values.items(), *secrets.titles.items()):
            if value in text:
                found.append(f"{what}: {value}")
        for name in _names_in(text, secrets.unconsented):
            found.append(f"{secrets.unconsented[name]}: {name}")
        if not chunk.nominee:
            found.extend(f"{secrets.names[n]}: {n}" for n in _names_in(text, secrets.names))
    return found


FIGURE = re.compile(r"<figure\b[^>]*\bdata-chart=\"[^\"]*\"[^>]*>(?P<body>.*?)</figure>", re.S)
FIGURE_WORDS = re.compile(
    r"<(?:figcaption|thead)\b[^>]*>(?P<text>.*?)</(?:figcaption|thead)>", re.S
)
CHART_ROW = re.compile(
    r"<tr\b[^>]*\bdata-category=\"(?P<key>[^\"]*)\"[^>]*>(?P<cells>.*?)</tr>", re.S
)
CELL_VALUE = re.compile(r"\bdata-value=\"(?P<value>[^\"]*)\"")
INDICATOR = re.compile(
    r"\bdata-indicator=\"(?P<key>[^\"]+)\"[^>]*\bdata-value=\"(?P<value>[^\"]*)\""
)
TAG = re.compile(r"<[^>]+>")


def _small(value) -> bool:
    try:
        return int(str(value)) in SMALL_COUNTS
    except ValueError:
        return False


def figure_leaks(html: str) -> list[str]:
    """County counts from 1 to 4 in the charts and indicators about children on a page."""
    found = []
    for figure in FIGURE.finditer(html):
        words = unescape(TAG.sub(" ", " ".join(FIGURE_WORDS.findall(figure["body"]))))
        if not CHILD_WORDS.search(words):
            continue
        for row in CHART_ROW.finditer(figure["body"]):
            if COUNTY_CODE.fullmatch(row["key"]):
                values = CELL_VALUE.findall(row["cells"])
                found.extend(
                    f"a county count under 5 about children ({row['key']}: {v})"
                    for v in values
                    if _small(v)
                )
    for match in INDICATOR.finditer(html):
        key = match["key"]
        last = key.rsplit(".", 1)[-1]
        if "by_county" in key and CHILD_KEY.match(last) and _small(match["value"]):
            found.append(f"a county count under 5 about children ({key}: {match['value']})")
    return found


def data_leaks(data, path: str = "data") -> list[str]:
    """County counts from 1 to 4 about children in the data of a public section."""
    found = []
    if isinstance(data, Mapping):
        for key, value in data.items():
            key = str(key)
            if COUNTY_CODE.fullmatch(key) and isinstance(value, Mapping):
                found.extend(
                    f"a county count under 5 about children ({path}.{key}.{inner}: {count})"
                    for inner, count in value.items()
                    if CHILD_KEY.match(str(inner)) and isinstance(count, int) and _small(count)
                )
            found.extend(data_leaks(value, f"{path}.{key}"))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            found.extend(data_leaks(value, f"{path}[{index}]"))
    return found


def page_leaks(html: str, secrets: Secrets, *, echoed=()) -> list[str]:
    """Every rule broken by a page's HTML."""
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return text_leaks(reader.chunks, secrets, echoed=echoed) + figure_leaks(html)


# --- The walk ------------------------------------------------------------------------------


def _patterns(patterns, namespaces=(), prefix="") -> Iterator[tuple[str, URLPattern, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _patterns(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or pattern.lookup_str
            yield ":".join((*namespaces, name)), pattern, prefix + str(pattern.pattern)


def public_patterns() -> list[tuple[str, URLPattern, str]]:
    """Every URL pattern whose access rule lets a signed-out visitor in."""
    rules = registry.url_rules()
    return [
        (name, pattern, route)
        for name, pattern, route in _patterns(get_resolver().url_patterns)
        if (rule := rule_for(name, rules)) is not None
        and rule.public
        # The load balancer's health check is not a page (503 while no worker beats).
        and name != "core:healthz"
    ]


def _converters(pattern: URLPattern) -> dict:
    return getattr(pattern.pattern, "converters", {}) or {}


def _takes_parameters(pattern: URLPattern) -> bool:
    return bool(_converters(pattern) or pattern.pattern.regex.groups)


def _public_view(path: str) -> str | None:
    """The view name of a path when its rule is public, else None (not a page, or not public:
    tests/test_url_access.py sends signed-out visitors of those to sign in)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    rule = rule_for(match.view_name, registry.url_rules())
    return match.view_name if rule is not None and rule.public else None


@dataclass
class Visit:
    """A URL opened signed out: what answered, where the walk found it, what it leaked."""

    url: str
    view: str
    status: int
    found_from: str
    leaks: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


def open_signed_out(client: Client, url: str, view: str, found_from: str, secrets) -> Visit:
    """Open ``url`` and check what it shows (a page) or what it hands over (a file)."""
    response = client.get(url)
    visit = Visit(url=url, view=view, status=response.status_code, found_from=found_from)
    if response.has_header("Location"):
        visit.links.append(response["Location"])
    disposition = unescape(response.get("Content-Disposition", ""))
    visit.leaks.extend(
        f"{what}: {name}" for name, what in secrets.file_names.items() if name in disposition
    )
    if getattr(response, "streaming", False):
        # Read to the end: the test client then closes it without closing the connection.
        b"".join(response.streaming_content)
        return visit
    if "html" not in response.get("Content-Type", ""):
        return visit
    html = response.content.decode()
    reader = PageReader()
    reader.feed(html)
    reader.close()
    visit.links.extend(reader.links)
    visit.forms = reader.forms
    echoed = [value for _name, value in parse_qsl(urlsplit(url).query)]
    visit.leaks.extend(text_leaks(reader.chunks, secrets, echoed=echoed))
    visit.leaks.extend(figure_leaks(html))
    return visit


def _form_urls(form: Form, page_url: str, terms: Iterable[str]) -> Iterator[str]:
    """The form sent as it stands, then once per term typed in its text boxes."""
    path = urlsplit(urljoin(page_url, form.action or page_url)).path
    fixed = [(name, value) for name, kind, value, _max in form.inputs if kind == "hidden" and value]
    boxes = [(name, limit) for name, kind, _v, limit in form.inputs if kind in TEXT_BOXES]
    yield f"{path}?{urlencode(fixed)}" if fixed else path
    if boxes:
        for term in terms:
            yield f"{path}?{urlencode([*fixed, *((name, term[:limit]) for name, limit in boxes)])}"


def _local(url: str, base: str) -> str | None:
    """The path and query of a link to the portal itself, else None."""
    parts = urlsplit(urljoin(base, url))
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _start_urls(public) -> list[str]:
    """The home, then every public URL without parameters."""
    found = ["/"]
    for name, pattern, _route in public:
        if pattern.name and not _takes_parameters(pattern):
            found.append(reverse(name))
    return list(dict.fromkeys(found))


def _key_urls(public, keys: Iterable[int]) -> Iterator[tuple[str, str]]:
    """Every public URL taking only integer keys, with each of ``keys`` (the admin excepted:
    it signs visitors in before anything else)."""
    rules = registry.url_rules()
    for name, pattern, _route in public:
        converters = _converters(pattern)
        if not converters or not pattern.name or rule_for(name, rules) is ADMIN_SITE:
            continue
        if all(converter.regex == "[0-9]+" for converter in converters.values()):
            for key in sorted(keys):
                yield name, reverse(name, kwargs=dict.fromkeys(converters, key))


def walk(client: Client, secrets: Secrets) -> list[Visit]:
    """Open every public page a signed-out visitor can reach, breadth-first from the home,
    then the public URLs of unpublished rows' keys; each checked against the allow-list."""
    public = public_patterns()
    terms = [*SEARCH_TERMS, *secrets.titles]
    queue = deque((url, "URL pattern") for url in _start_urls(public))
    seen: set[str] = set()
    per_view: Counter[str] = Counter()
    visits: list[Visit] = []
    while queue and len(visits) < MAX_PAGES:
        url, found_from = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        view = _public_view(urlsplit(url).path)
        if view is None or per_view[view] >= MAX_PER_VIEW:
            continue
        per_view[view] += 1
        visit = open_signed_out(client, url, view, found_from, secrets)
        visits.append(visit)
        for link in visit.links:
            if (local := _local(link, url)) and local not in seen:
                queue.append((local, url))
        for form in visit.forms:
            queue.extend((local, f"form on {url}") for local in _form_urls(form, url, terms))
    for view, url in _key_urls(public, secrets.unpublished_keys):
        if url not in seen:
            seen.add(url)
            visits.append(open_signed_out(client, url, view, "key of an unpublished row", secrets))
    return visits


def section_leaks() -> list[str]:
    """The rules on the data each public section of the home hands its template."""
    found = []
    for section in registry.public_sections():
        if section.context is not None:
            found.extend(data_leaks(section.context(), section.template))
    return found


def report(visits: list[Visit]) -> str:
    return "\n".join(
        f"{v.url} ({v.view}, via {v.found_from}): {v.leaks}" for v in visits if v.leaks
    )


# --- Fixtures: the whole demo, seeded once -------------------------------------------------


@pytest.fixture
def demo(demo_data, db):
    return None


@pytest.fixture
def secrets(demo) -> Secrets:
    return gather_secrets()


@pytest.fixture(scope="module")
def demo_walk(demo_data, django_db_blocker) -> tuple[Secrets, list[Visit]]:
    """The walk over the demo as seeded, once for the tests that only read it."""
    with django_db_blocker.unblock():
        secrets = gather_secrets()
        return secrets, walk(Client(), secrets)


# --- The walk over the demo ------------------------------------------------------------------


def test_every_public_page_shows_only_what_the_allow_list_allows(demo_walk, demo):
    # when a signed-out visitor opens every public page there is
    secrets, visits = demo_walk

    # then each answered as a public URL may, and none showed more than the allow-list
    answers = [f"{v.url}: {v.status}" for v in visits if v.status not in FINE_STATUSES]
    assert answers == []
    assert report(visits) == ""
    assert section_leaks() == []
    # (the walk saw the pages where a leak would be: the demo's published rows and its drafts)
    assert secrets.titles and secrets.names and secrets.values
    assert sum(v.status == 200 for v in visits) >= 50


def test_the_walk_reaches_every_public_url(demo_walk):
    _secrets, visits = demo_walk
    opened = {v.view for v in visits}
    rules = registry.url_rules()

    # every public URL without parameters was opened
    plain = {name for name, p, _r in public_patterns() if p.name and not _takes_parameters(p)}
    assert plain - opened == set()
    # and every public page about a row was opened: reached through a link when the demo
    # has such a row, else tried with the keys of unpublished rows (the admin's own pages
    # sign visitors in first)
    about_rows = {
        name
        for name, pattern, _route in public_patterns()
        if _takes_parameters(pattern) and rule_for(name, rules) is not ADMIN_SITE
    }
    assert about_rows - opened == set()
    linked = {v.view for v in visits if v.status == 200 and v.found_from.startswith("/")}
    assert {
        "documents:public-document-detail",
        "documents:public-attachment-download",
        "documents:public-notice-detail",
        "inspections:public-circular-detail",
        "funding:public-program-detail",
    } <= linked
    # and the keys of unpublished rows were tried on them, to no avail
    tried = [v for v in visits if v.found_from == "key of an unpublished row"]
    assert tried and {v.status for v in tried} <= {404}


# --- The walk fails when a public page leaks -----------------------------------------------


def _publish_notice(*, title: str, body: str):
    office = get_user_model().objects.get(username="doc_office")
    body_row = IssuingBody.objects.get(kind=BodyKind.COMMITTEE_OFFICE)
    notice = notice_create(actor=office, title=title, body=body, office=body_row)
    return notice_publish(actor=office, notice=notice, seen_version=notice.version)


def test_the_walk_fails_on_a_leak_planted_through_the_data(secrets, client):
    # given a published notice that quotes a draft and names a counselor with their numbers
    counselor = Counselor.objects.filter(school__isnull=False).select_related("school").first()
    draft = Document.objects.exclude(status=DocumentStatus.ISSUED).order_by("pk").first()
    notice = _publish_notice(
        title="关于公布少先队工作联系人的通知",
        body=(
            f"根据《{draft.title}》，现公布联系人：{counselor.name}（{counselor.school.name}），"
            f"身份证号 {counselor.id_number}，手机 139-8765-4321，"
            "邮箱 zhang.wei@example.com；办公电话 0871-65141234。"
        ),
    )

    # when the walk runs again
    visits = walk(client, gather_secrets())

    # then the notice's page is found (linked from the home) and every leak on it is named
    (page,) = [
        v for v in visits if v.url == reverse("documents:public-notice-detail", args=[notice.pk])
    ]
    leaks = "\n".join(page.leaks)
    assert f"title of an unpublished documents.Document: {draft.title}" in leaks
    assert f"name of a counselors.Counselor: {counselor.name}" in leaks
    assert f"an ID number: {counselor.id_number}" in leaks
    assert f"counselors.Counselor.id_number: {counselor.id_number}" in leaks
    assert "a mobile phone number: 139-8765-4321" in leaks
    assert "an e-mail address: zhang.wei@example.com" in leaks
    # an office landline with its area code is allowed
    assert "0871" not in leaks
    assert report(visits) != ""


def test_the_walk_fails_on_a_draft_shown_by_a_public_view(secrets, client, monkeypatch):
    # given a home section that forgot to leave drafts out
    draft = Document.objects.exclude(status=DocumentStatus.ISSUED).order_by("pk").first()

    def every_document():
        return {"documents": list(Document.objects.with_validity(clock.today()).order_by("-pk"))}

    sections = [
        registry.PublicSection(s.template, every_document, s.order)
        if s.template == "documents/_public_documents.html"
        else s
        for s in registry.public_sections()
    ]
    monkeypatch.setattr(registry, "public_sections", lambda: sections)

    # when the home is opened signed out
    visit = open_signed_out(client, "/", "core:home", "test", secrets)

    # then the draft's title is named as a leak
    assert any(draft.title in leak for leak in visit.leaks), visit.leaks


# --- Each rule, on the markup the portal renders -------------------------------------------

SECRETS = Secrets(
    names={"陈玉英": "name of a counselor", "张亮": "name of a counselor"},
    unconsented={"李小明": "name of a child without recorded consent"},
)


def test_a_name_is_allowed_only_as_a_nominee_on_a_public_notice():
    nominee = '<li data-nominee="1">陈玉英（五华区第一小学）</li>'
    stray = "<td>张亮</td><p>联系人：陈玉英（五华区第一小学）</p>"

    assert page_leaks(nominee, SECRETS) == []
    assert page_leaks(stray, SECRETS) == [
        "name of a counselor: 张亮",
        "name of a counselor: 陈玉英",
    ]


def test_a_childs_name_without_recorded_consent_is_never_shown_even_as_a_nominee():
    html = '<li data-nominee="2">李小明（五华区第一小学 三年级二中队）</li>'

    assert page_leaks(html, SECRETS) == ["name of a child without recorded consent: 李小明"]


def test_an_office_contact_may_give_an_e_mail_address_and_a_landline_only():
    contact = "<p data-office-contact>省少工委办公室 0871-65141234 sgw@yn.gov.cn</p>"
    personal = "<p data-office-contact>联系人手机 13987654321</p><p>sgw@yn.gov.cn</p>"

    assert page_leaks(contact, SECRETS) == []
    assert page_leaks(personal, SECRETS) == [
        "a mobile phone number: 13987654321",
        "an e-mail address: sgw@yn.gov.cn",
    ]


def test_an_id_number_is_refused_whole_masked_or_in_an_attribute():
    html = (
        "<p>530102198001011234</p><p>5301**********1234</p>"
        '<span title="53010219800101123X">?</span><p>云少工委发〔2014〕5号</p>'
    )

    assert page_leaks(html, SECRETS) == [
        "an ID number: 530102198001011234",
        "an ID number: 5301**********1234",
        "an ID number: 53010219800101123X",
    ]


def test_what_the_visitor_typed_is_not_a_leak_of_the_page():
    html = '<input type="search" name="q" value="13987654321"><p>搜索“13987654321”：无结果</p>'

    assert page_leaks(html, SECRETS, echoed=["13987654321"]) == []
    assert len(page_leaks(html, SECRETS)) == 2


def _chart_html(title: str, rows: dict) -> str:
    chart = from_breakdown(
        id="probe",
        title=title,
        summary=title,
        breakdown=rows,
        series=[("count", "人数")],
        category_label="县",
    )
    return Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))


def test_a_public_figure_about_children_shows_no_county_count_under_five():
    counties = {"530102": {"name": "五华区", "count": 3}, "530103": {"name": "盘龙区", "count": 12}}
    prefectures = {"530100": {"name": "昆明市", "count": 3}}

    assert figure_leaks(_chart_html("结对帮扶儿童人数（按县）", counties)) == [
        "a county count under 5 about children (530102: 3)"
    ]
    # a county's larger count, a prefecture's count and a count of schools are fine
    assert figure_leaks(_chart_html("结对帮扶儿童人数（按州市）", prefectures)) == []
    assert figure_leaks(_chart_html("外来务工子女学校（按县）", counties)) == []
    indicator = '<span data-indicator="pairing.by_county.530102.children_helped" data-value="2">'
    assert figure_leaks(indicator) == [
        "a county count under 5 about children (pairing.by_county.530102.children_helped: 2)"
    ]


def test_a_public_sections_data_about_children_shows_no_county_count_under_five(db, monkeypatch):
    # given an area whose public section hands its template children helped by county
    def children_helped():
        return {"pairing": {"by_county": {"530102": {"name": "五华区", "children_helped": 4}}}}

    planted = registry.PublicSection("inspections/_public_section.html", children_helped, 99)
    sections = [*registry.public_sections(), planted]
    monkeypatch.setattr(registry, "public_sections", lambda: sections)

    # then the check of the sections' data names the count
    assert section_leaks() == [
        "a county count under 5 about children "
        "(inspections/_public_section.html.pairing.by_county.530102.children_helped: 4)"
    ]
