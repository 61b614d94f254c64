"""`taizhang status --period 2025-10`: the period's rollup — tasks by light, per area and per lead unit, 未报送."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taizhang.core import schedule
from taizhang.core.console import text_table
from taizhang.dashboards.selectors import overview_of_plan, rollup_dict
from taizhang.ledgers.selectors import current_plan, default_period, plan_period
from taizhang.plans.models import Plan

LIGHTS = ("green", "yellow", "red")


class Command(BaseCommand):
    help = "Print a period's status rollup (plain text, or JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="YYYY-MM, e.g. 2025-10 (default: the newest reported period)")
        parser.add_argument("--plan", type=int, help="plan id (default: the current plan)")
        parser.add_argument("--json", action="store_true", help="print JSON for machines")

    def handle(self, *args, period=None, plan=None, **options):
        if plan is not None:
            chosen = Plan.objects.filter(pk=plan).first()
            if chosen is None:
                raise CommandError(_("No plan with id %(id)s.") % {"id": plan}, returncode=2)
        else:
            chosen = current_plan()
            if chosen is None:
                raise CommandError(_("No plan yet: load one (taizhang demo --no-serve) first."), returncode=2)
        try:
            period = plan_period(chosen, period) if period else default_period(chosen)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        data = rollup_dict(overview_of_plan(chosen, period))
        self.stdout.write(self._json(data) if options.get("json") else self._text(data))

    @staticmethod
    def _json(data: dict) -> str:
        return jsonlib.dumps(data, ensure_ascii=False, indent=2)

    @staticmethod
    def _text(data: dict) -> str:
        labels = [schedule.LIGHT_LABELS[schedule.Light(light)] for light in LIGHTS]
        heads = [_("Tasks"), *labels, _("Not reported")]

        def row(name, counts):
            return [name, counts["total"], *(counts[light] for light in LIGHTS), counts["missing"]]

        numeric = set(range(1, len(heads) + 1))
        total = data["total"]
        lines = [
            f"{data['plan']['title']} · {data['period_label']} ({data['period']})"
            + ("  【演示数据】" if data["demo_data"] else ""),
            "",
            text_table(heads, [row("", total)[1:]], numeric=set(range(len(heads)))),
            "",
            _("By area"),
            text_table([_("Area"), *heads], [row(g["name"], g) for g in data["by_area"]], numeric=numeric),
            "",
            _("By lead unit"),
            text_table(
                [_("Lead unit"), *heads], [row(g["name"], g) for g in data["by_unit"]], numeric=numeric
            ),
            "",
            _("Not reported: %(n)s") % {"n": data["missing"]},
        ]
        return "\n".join(lines)
