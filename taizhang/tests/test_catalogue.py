"""The UI is Chinese through gettext: every msgid in the code has a zh_Hans translation, none fuzzy,
and the compiled catalogue matches its source. Run `make messages` after changing UI strings."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
PO = PACKAGE / "locale/zh_Hans/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (apt-get install gettext)")


def _entries(po_text: str) -> dict[str, str]:
    """msgid → msgstr of a .po file (singular entries; multi-line strings joined)."""
    import re

    entries = {}
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            entries.setdefault("__fuzzy__", "")
            entries["__fuzzy__"] += block[:80] + "\n"
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        mstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if mid and mstr:
            join = lambda s: "".join(part[1:-1] for part in s.strip().split("\n"))  # noqa: E731
            entries[join(mid.group(1))] = join(mstr.group(1))
    entries.pop("", None)
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert "__fuzzy__" not in entries, entries.get("__fuzzy__")
    untranslated = [k for k, v in entries.items() if not v]
    assert untranslated == [], f"untranslated: {untranslated[:10]}"


def test_the_catalogue_covers_every_string_in_the_code(tmp_path):
    copy = tmp_path / "taizhang"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    # Run without the project's settings so makemessages writes only into the copy.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env=env,
    )
    fresh = set(_entries((copy / "locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")))
    committed = set(_entries(PO.read_text(encoding="utf-8")))
    assert fresh - committed == set(), "run `make messages` and translate the new strings"


def test_the_compiled_catalogue_matches_its_source(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
    with MO.open("rb") as a, fresh.open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
            "run `make messages` to recompile django.mo"
        )
