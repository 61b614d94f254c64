"""`taizhang projects-status --period 2025-10`: the key-project rollup — 开工率 on both bases, 开复工率, 竣工率,
投资完成率 against 序时 (which curve) and the lights, overall and per county-level unit; --json for machines.

The figures are the metrics kernel's, through dashboards.selectors (the same as /projects-overview/).
"""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taizhang.core.console import text_table
from taizhang.dashboards.selectors import DEMO_LABEL, project_overview_dict, project_overview_of
from taizhang.ledgers.selectors import plan_period
from taizhang.projects import selectors as project_selectors
from taizhang.projects.models import Project


class Command(BaseCommand):
    help = "Print a period's key-project rollup (plain text, or JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            help="YYYY-MM, e.g. 2025-10 (default: the newest period with an approved project report)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON for machines")

    def handle(self, *args, period=None, **options):
        try:
            period = plan_period(None, period) if period else project_selectors.default_project_period()
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        year = int(period[:4])
        projects = (
            Project.objects.filter(year=year, is_archived=False)
            .select_related("location", "responsible_unit")
            .prefetch_related("tags")
        )
        overview = project_overview_of(project_selectors.project_states(projects, period), period)
        data = project_overview_dict(overview)
        self.stdout.write(self._json(data) if options.get("json") else self._text(data))

    @staticmethod
    def _json(data: dict) -> str:
        return jsonlib.dumps(data, ensure_ascii=False, indent=2)

    @staticmethod
    def _text(data: dict) -> str:
        heads = [
            _("Projects"),
            _("Start rate (annual plan)"),
            _("Start rate (due by now)"),
            _("Start-or-resume rate"),
            _("Completion rate (dispatch basis)"),
            _("Investment completion rate"),
            data["curve_label"],
            _("Gap (pp)"),
            _("Green"),
            _("Yellow"),
            _("Red"),
        ]

        def pct(rate: dict) -> str:
            return "—" if rate["rounded"] is None else f"{rate['rounded']}%"

        def frac(rate: dict) -> str:
            return f"{pct(rate)} ({rate['numerator']}/{rate['denominator']})"

        def row(name: str, g: dict) -> list:
            inv = g["investment"]
            return [
                name,
                g["projects"],
                frac(g["start_rate_annual"]),
                frac(g["start_rate_due"]),
                frac(g["start_resume_rate"]),
                frac(g["completion_rate_dispatch"]),
                pct(inv["rate"]),
                f"{inv['expected_rounded']}%",
                inv["gap_display"],
                g["lights"]["green"],
                g["lights"]["yellow"],
                g["lights"]["red"],
            ]

        total = data["total"]
        start = total["start"]
        numeric = set(range(1, len(heads) + 1))
        lines = [
            f"{_('Key project dispatch overview')} · {data['period_label']} ({data['period']}) · {data['curve_label']}"
            + (f"  【{DEMO_LABEL}】" if data["demo_data"] else ""),
            "",
            total["investment"]["label"],
            _(
                "Starts: early %(early)s, on time %(on_time)s, behind %(behind)s (late %(late)s, missed %(missed)s)"
            )
            % {k: start[k] for k in ("early", "on_time", "behind", "late", "missed")},
            "",
            _("By county-level unit"),
            text_table(
                [_("County-level unit"), *heads],
                [row(g["name"], g) for g in data["groups"]["county"]] + [row(_("Total"), total)],
                numeric=numeric,
            ),
        ]
        return "\n".join(lines)
