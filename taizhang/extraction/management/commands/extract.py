"""`taizhang extract FILE [--json] [--year YYYY]`: the draft task list of a policy document (issue 5 §3).

With --json, exactly `{"items": [item_json(item), ...]}` (UTF-8, not ASCII-escaped), offsets into the file's
text as `taizhang.extraction.documents.read_document` returns it. Without it, a table of the items and a count.
A missing, unsupported or undecodable file is a message on stderr and exit code 2.
"""

import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taizhang.core.console import display_width, text_table
from taizhang.core.extraction import Extraction, Item, extract, item_json
from taizhang.core.extraction_tables import MODIFIERS_AFTER
from taizhang.extraction.documents import read_document

SPAN_WIDTH = 40  # terminal columns of a shortened span in the table
AREA_WIDTH = 16  # and of an area (a bare heading line can be a whole sentence)


class Command(BaseCommand):
    help = "Read a policy document (.txt or .docx) and print its draft task list (JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the document: .txt (UTF-8 or GB18030) or .docx")
        parser.add_argument("--json", action="store_true", help="print JSON for machines")
        parser.add_argument(
            "--year", type=int, help="the plan year deadlines are read against (default: guessed)"
        )

    def handle(self, *args, file, json=False, year=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file}, returncode=2)
        try:
            text = read_document(path.read_bytes(), path.name)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        result = extract(text, year=year)
        self.stdout.write(self._json(result) if json else self._text(result))

    @staticmethod
    def _json(result: Extraction) -> str:
        return jsonlib.dumps(
            {"items": [item_json(item) for item in result.items]}, ensure_ascii=False, indent=2
        )

    @staticmethod
    def _text(result: Extraction) -> str:
        heads = [_("Area"), _("Kind"), _("Commitment"), _("Targets"), _("Deadline"), _("Lead unit")]
        rows = [
            [
                _shorten(item.area, AREA_WIDTH),
                _("checkable") if item.checkable else _("directive"),
                _shorten(item.span, SPAN_WIDTH),
                "、".join(_target_text(t) for t in item.targets if t.modifier != "区间上限"),
                item.deadline,
                item.lead_unit,
            ]
            for item in result.items
        ]
        checkable = sum(1 for item in result.items if item.checkable)
        count = _(
            "%(total)s items: %(checkable)s checkable, %(directive)s directive (plan year %(year)s)"
        ) % {
            "total": len(result.items),
            "checkable": checkable,
            "directive": len(result.items) - checkable,
            "year": result.year,
        }
        return "\n".join([text_table(heads, rows), "", count]) if rows else count


def _target_text(target) -> str:
    value = f"{target.value:g}" if isinstance(target.value, float) else str(target.value)
    if target.upper is not None:
        value += f"—{target.upper:g}" if isinstance(target.upper, float) else f"—{target.upper}"
    if target.modifier in MODIFIERS_AFTER:
        return value + target.unit + target.modifier  # 5%左右
    if target.modifier in ("区间", "区间上限"):
        return value + target.unit
    return target.modifier + value + target.unit  # 力争10%


def _shorten(span: str, width: int) -> str:
    """The span cut to `width` terminal columns, with "…" when cut (CJK characters take two)."""
    if display_width(span) <= width:
        return span
    out, used = [], 0
    for ch in span:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


__all__ = ["Command", "Item"]
