"""`taizhang indicators --period 2025-09 [--json]`: each indicator's release against its annual target,
its light and its ranks among the 12 county-level units and the 11 cities of the province."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taizhang.accounts.choices import Role
from taizhang.core import schedule
from taizhang.core.console import text_table
from taizhang.indicators import selectors


class _Console:
    """The console reads what a 领导 reads: every published figure (indicators are city-wide statistics)."""

    is_authenticated = True
    is_active = True
    role = Role.LEADER
    unit_id = None
    sees_all_units = True


class Command(BaseCommand):
    help = "Print the indicator table for a period (plain text, or JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="YYYY-MM, e.g. 2025-09 (default: the last finished month)")
        parser.add_argument("--json", action="store_true", help="print JSON for machines")

    def handle(self, *args, period=None, **options):
        if period is None:
            period = selectors.default_period()
        try:
            period = schedule.period_str(*schedule.parse_period(period.strip()))
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        data = selectors.table_dict(_Console(), period)
        self.stdout.write(self._json(data) if options.get("json") else self._text(data))

    @staticmethod
    def _json(data: dict) -> str:
        return jsonlib.dumps(data, ensure_ascii=False, indent=2)

    @staticmethod
    def _text(data: dict) -> str:
        heads = [
            _("Indicator"),
            _("Release"),
            _("Target"),
            _("Actual"),
            _("Gap (pp)"),
            _("Light"),
            _("City rank"),
            _("Reason"),
        ]
        rows = []
        for r in data["indicators"]:
            target = r["target"]
            actual = r["actual"] or {}
            if target is None:
                target_text = "—"
            elif target["type"] == "growth":
                target_text = f"{target['value']:g}%"
            else:
                target_text = f"{target['value']:g}{'%' if r['unit'] == '%' else r['unit']}"
            parts = []
            if actual.get("amount") is not None:
                parts.append(f"{actual['amount']:g}{r['unit']}")
            if actual.get("growth") is not None:
                parts.append(f"{actual['growth']:+g}%")
            city = r["city_rank"]
            rank = f"{city['rank']}/{city['of']}" if city["rank"] else "—"
            if city["move"]:
                rank += f" {city['move']}"
            light = schedule.LIGHT_LABELS[schedule.Light(r["light"])] if r["light"] else "—"
            gap = "—" if r["gap_pp"] is None else f"{r['gap_pp']:+.1f}"
            rows.append(
                [
                    r["name"],
                    r["period_label"],
                    target_text,
                    " ".join(parts) or "—",
                    gap,
                    light,
                    rank,
                    r["reason"] or "",
                ]
            )
        title = _("Indicators at %(period)s") % {"period": data["period"]}
        if data["demo_data"]:
            title += "  【演示数据】"
        return "\n".join([title, "", text_table(heads, rows, numeric={4})])
