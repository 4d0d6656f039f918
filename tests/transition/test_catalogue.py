"""The area's own Chinese catalogue: every entry translated, none fuzzy, placeholders kept,
and the compiled file in step with it."""

import gettext
from pathlib import Path

from django.conf import settings

from tests.test_translations import PLACEHOLDER, parse_po

CATALOGUE = Path(settings.BASE_DIR) / "apps" / "transition" / "locale" / "zh_Hans" / "LC_MESSAGES"


def entries():
    return [e for e in parse_po(CATALOGUE / "django.po") if e["msgid"]]


def test_every_entry_is_translated_keeping_its_placeholders():
    for entry in entries():
        text = entry["msgstr"][0]
        assert text and text != entry["msgid"], entry["msgid"]
        assert "fuzzy" not in entry.get("flags", set()), entry["msgid"]
        assert sorted(PLACEHOLDER.findall(entry["msgid"])) == sorted(PLACEHOLDER.findall(text))


def test_the_compiled_catalogue_matches_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in entries():
        context = entry.get("msgctxt")
        shown = (
            catalogue.pgettext(context, entry["msgid"])
            if context
            else catalogue.gettext(entry["msgid"])
        )
        assert shown == entry["msgstr"][0], entry["msgid"]
