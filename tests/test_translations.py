"""The Simplified Chinese catalogues: complete, compiled, and what the pages actually show.

The portal's catalogue is locale/; an area may keep its own strings in its folder
(apps/<area>/locale/, which `make messages` fills from that folder's files). Every catalogue
is held to the same rules.

The catalogue is read with a small parser of our own so these tests need no gettext tools;
CI machines may lack them.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_PATH = CATALOGUE_DIR / "django.po"
AREA_CATALOGUES = sorted(
    Path(settings.BASE_DIR).glob("apps/*/locale/zh_Hans/LC_MESSAGES/django.po")
)
CATALOGUES = [PO_PATH, *AREA_CATALOGUES]

# Python %-placeholders as xgettext's python-format sees them: %(name)s, %s, %d, %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
HTML_TAG = re.compile(r"<[^>]+>")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (a list), flags.

    Handles what makemessages writes: comments, flags, continued strings, plural forms;
    obsolete (#~) entries are skipped.
    """
    entries: list[dict] = []
    entry: dict = {}
    field: tuple | None = None

    def finish():
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in entry:
                finish()
            entry.setdefault("flags", set()).update(
                flag.strip() for flag in line[2:].split(",") if flag.strip()
            )
            continue
        if line.startswith("#"):
            if "msgid" in entry:
                finish()
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = None, line
        value = ast.literal_eval(rest) if rest else ""
        if keyword is None:
            name, index = field
            if index is None:
                entry[name] += value
            else:
                entry[name][index] += value
            continue
        if keyword in ("msgctxt", "msgid") and "msgid" in entry:
            finish()
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            entry.setdefault("msgstr", [])
            entry["msgstr"].append(value)
            field = ("msgstr", int(match.group(1)))
        elif keyword == "msgstr":
            entry["msgstr"] = [value]
            field = ("msgstr", 0)
        else:
            entry[keyword] = value
            field = (keyword, None)
    finish()
    for item in entries:
        item.setdefault("flags", set())
        item.setdefault("msgctxt", None)
        item.setdefault("msgid_plural", None)
        item.setdefault("msgstr", [""])
    return entries


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR).parents[2])


@pytest.fixture(scope="module", params=CATALOGUES, ids=catalogue_id)
def catalogue(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def entries(catalogue):
    return parse_po(catalogue)


@pytest.fixture(scope="module")
def messages(entries):
    """The translated messages of one catalogue, header excluded."""
    return [entry for entry in entries if entry["msgid"]]


@pytest.fixture(scope="module")
def chinese():
    """msgid -> Chinese text for singular messages without context, from every catalogue."""
    return {
        entry["msgid"]: entry["msgstr"][0]
        for path in CATALOGUES
        for entry in parse_po(path)
        if entry["msgid"] and entry["msgctxt"] is None and entry["msgid_plural"] is None
    }


def header_fields(entries) -> dict[str, str]:
    header = next(entry for entry in entries if entry["msgid"] == "")
    lines = header["msgstr"][0].strip().splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


# --- the catalogue itself ----------------------------------------------------------------


def test_the_catalogue_covers_every_area_of_the_portal():
    # Spot checks across apps, templates and settings: a makemessages run that missed a
    # folder would drop these.
    messages = [entry for entry in parse_po(PO_PATH) if entry["msgid"]]
    msgids = {entry["msgid"] for entry in messages}
    assert len(messages) > 900
    assert any(entry["msgid_plural"] is not None for entry in messages)
    for msgid in (
        "Simplified Chinese",  # config/settings
        "Data management",  # config/urls.py
        "Sign in",  # templates/accounts
        "Dual-chair system",  # templates/organizations
        "Brigade counselor",  # apps/counselors
        "Provincial training project",  # apps/training
        "Young Pioneer activities",  # apps/titles
        "Rectification order",  # templates/inspections
        "Spreadsheet exports",  # apps/exports
    ):
        assert msgid in msgids


def test_the_header_declares_chinese_with_a_single_plural_form(entries):
    fields = header_fields(entries)
    assert fields["Language"] == "zh_Hans"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "fuzzy" not in entries[0]["flags"]


def test_no_entry_is_untranslated(messages):
    untranslated = [entry["msgid"] for entry in messages if not all(entry["msgstr"])]
    assert untranslated == []


def test_no_entry_is_fuzzy(messages):
    fuzzy = [entry["msgid"] for entry in messages if "fuzzy" in entry["flags"]]
    assert fuzzy == []


def test_plural_entries_have_exactly_the_one_chinese_form(messages):
    plurals = [entry for entry in messages if entry["msgid_plural"] is not None]
    assert [entry["msgid"] for entry in plurals if len(entry["msgstr"]) != 1] == []


def test_no_translation_is_a_copy_of_the_english(messages):
    copies = [entry["msgid"] for entry in messages if entry["msgstr"][0] == entry["msgid"]]
    assert copies == []


def test_translations_keep_every_placeholder(messages):
    broken = []
    for entry in messages:
        if "python-format" not in entry["flags"]:
            continue
        source = set(PLACEHOLDER.findall(entry["msgid"]))
        if entry["msgid_plural"] is not None:
            source |= set(PLACEHOLDER.findall(entry["msgid_plural"]))
        if set(PLACEHOLDER.findall(entry["msgstr"][0])) != source:
            broken.append(entry["msgid"])
    assert broken == []


def test_every_translation_repeats_the_placeholders_of_its_english(messages):
    # Whether or not the entry is flagged python-format (a hand-written entry may lack the
    # flag), and as often as the English has each one.
    broken = [
        entry["msgid"]
        for entry in messages
        if sorted(PLACEHOLDER.findall(entry["msgid"]))
        != sorted(PLACEHOLDER.findall(entry["msgstr"][0]))
    ]
    assert broken == []


def test_translations_keep_the_html_markup(messages):
    broken = [
        entry["msgid"]
        for entry in messages
        if sorted(HTML_TAG.findall(entry["msgid"])) != sorted(HTML_TAG.findall(entry["msgstr"][0]))
    ]
    assert broken == []


# --- the compiled catalogue ----------------------------------------------------------------


def test_the_compiled_catalogue_matches_the_po_file(catalogue, messages):
    with catalogue.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in messages:
        key = entry["msgid"]
        if entry["msgctxt"] is not None:
            key = f"{entry['msgctxt']}\x04{key}"
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            for index, text in enumerate(entry["msgstr"]):
                expected[(key, index)] = text
    compiled = {key: text for key, text in compiled.items() if key != ""}
    assert compiled == expected


# --- what the pages show -------------------------------------------------------------------


def first_heading(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert match, "the page has no <h1>"
    return re.sub(r"\s+", " ", match.group(1)).strip()


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_the_sign_in_page_is_in_chinese_by_default(client, chinese):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    assert html_lang(response) == "zh-hans"
    assert first_heading(response) == chinese["Sign in"] == "登录"


def test_the_dashboard_is_in_chinese_for_a_signed_in_persona(login, edu_kunming, chinese):
    client = login(edu_kunming)

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    assert html_lang(response) == "zh-hans"
    assert first_heading(response).startswith(chinese["Dashboard"] + " · ")
    assert chinese["Joint inspections"] in response.content.decode()


def test_the_school_list_is_in_chinese(login, edu_wuhua, chinese):
    client = login(edu_wuhua)

    response = client.get(reverse("organizations:school-list"))

    assert response.status_code == 200
    assert first_heading(response) == chinese["Schools"]
    assert chinese["Clear filters"] in response.content.decode()


def test_the_language_cookie_selects_english(client, chinese):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("accounts:login"))

    assert html_lang(response) == "en"
    assert first_heading(response) == "Sign in" != chinese["Sign in"]


def test_accept_language_selects_english_for_a_signed_in_persona(login, edu_wuhua, chinese):
    client = login(edu_wuhua)

    dashboard = client.get(reverse("reports:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    schools = client.get(reverse("organizations:school-list"), HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(dashboard) == "en"
    assert first_heading(dashboard).startswith("Dashboard · ")
    assert first_heading(schools) == "Schools" != chinese["Schools"]


def test_library_strings_shown_in_pages_are_chinese(client, db):
    from django import forms
    from django.apps import apps
    from django.db import models
    from django.utils import translation

    with translation.override("zh-hans"):
        # Django's blank dropdown choice, and the admin's names for the libraries' apps.
        assert str(models.fields.BLANK_CHOICE_LABEL) == "——请选择——"
        assert str(apps.get_app_config("axes").verbose_name) == "登录锁定"
        assert str(apps.get_app_config("django_tasks_database").verbose_name) == "后台任务"
        assert str(apps.get_model("axes", "AccessAttempt")._meta.verbose_name_plural) == "登录尝试"
        choice = forms.ChoiceField(choices=[("", models.fields.BLANK_CHOICE_LABEL)])
        assert "Select" not in str(choice.choices)
