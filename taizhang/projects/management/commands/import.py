"""`taizhang import projects FILE --period YYYY-MM`, `taizhang import tasks FILE --plan YEAR_OR_ID`,
`taizhang import enterprises FILE --period YYYY-MM` (企业名录 with the period's figures) and
`taizhang import indicators FILE --period YYYY-MM` (主要经济指标 for the city and the counties).

Exit 0 when committed (or a clean dry run), 1 when the sheet has errors (nothing written), 2 for usage
errors (bad period, missing file, unknown user or plan). ``--json`` prints only the JSON on stdout; a
progress bar goes to stderr only on a terminal.
"""

import json as jsonlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taizhang.accounts.models import User
from taizhang.core.console import progress_bar, text_table
from taizhang.projects.imports import import_projects, import_tasks


class Command(BaseCommand):
    help = (
        "Import a dispatch sheet (projects), a task ledger (tasks), an enterprise list (enterprises) or "
        "indicator figures (indicators) from Excel (.xlsx/.xls)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, parser_class=type(parser))
        projects = sub.add_parser("projects", help="重点项目调度表: projects and the period's reports")
        projects.add_argument("file")
        projects.add_argument("--period", required=True, help="YYYY-MM, e.g. 2025-10")
        tasks = sub.add_parser("tasks", help="重点任务台账: the tasks of a plan")
        tasks.add_argument("file")
        tasks.add_argument("--plan", required=True, help="the plan's year (e.g. 2025) or id")
        enterprises = sub.add_parser("enterprises", help="企业名录: enterprises and the period's figures")
        enterprises.add_argument("file")
        enterprises.add_argument("--period", required=True, help="YYYY-MM, e.g. 2025-10")
        indicators = sub.add_parser(
            "indicators", help="主要经济指标: the period's figures, city and counties"
        )
        indicators.add_argument("file")
        indicators.add_argument("--period", required=True, help="YYYY-MM, e.g. 2025-10")
        for each in (projects, tasks, enterprises, indicators):
            each.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
            each.add_argument("--json", action="store_true", help="print only JSON on stdout")
            each.add_argument("--user", help="import as this user (default: the system)")

    def handle(self, *args, kind, file, dry_run=False, json=False, user=None, **options):
        actor = None
        if user:
            actor = User.objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(_("No active user “%(name)s”.") % {"name": user}, returncode=2)
        progress = progress_bar(_("Reading")) if not json else None
        try:
            if kind == "projects":
                result = import_projects(
                    file, period=options["period"], actor=actor, dry_run=dry_run, progress=progress
                )
            elif kind == "enterprises":
                from taizhang.enterprises.imports import import_enterprises

                result = import_enterprises(
                    file, period=options["period"], actor=actor, dry_run=dry_run, progress=progress
                )
            elif kind == "indicators":
                from taizhang.indicators.imports import import_indicators

                result = import_indicators(
                    file, period=options["period"], actor=actor, dry_run=dry_run, progress=progress
                )
            else:
                result = import_tasks(
                    file, plan=self._plan(options["plan"]), actor=actor, dry_run=dry_run, progress=progress
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=2) from None
        if json:
            self.stdout.write(jsonlib.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._text(result))
        if result.errors:
            raise SystemExit(1)

    @staticmethod
    def _plan(value: str):
        from taizhang.plans.models import Plan

        plans = Plan.objects.filter(is_archived=False)
        if value.isdigit() and len(value) == 4:
            found = plans.filter(year=int(value)).order_by("-pk").first()
        elif value.isdigit():
            found = plans.filter(pk=int(value)).first()
        else:
            found = None
        if found is None:
            raise CommandError(_("No plan “%(plan)s” (give its year or id).") % {"plan": value}, returncode=2)
        return found

    @staticmethod
    def _text(result) -> str:
        if result.errors:
            head = _("Refused: %(n)s problem(s); nothing was written.") % {"n": len(result.errors)}
        elif result.dry_run:
            head = _("Dry run: nothing was written.")
        else:
            head = _("Imported.")
        lines = [
            head,
            _("Rows %(rows)s · new %(created)s · updated %(updated)s · unchanged %(unchanged)s")
            % {
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        ]
        if result.errors:
            heads = [_("Row"), _("Column"), _("Value"), _("Reason")]
            rows = [[e["row"] or "", e["column"], e["value"], e["message"]] for e in result.errors]
            lines += ["", text_table(heads, rows, numeric={0})]
        if result.warnings:
            lines += ["", _("Warnings"), *(f"  {w['message']}" for w in result.warnings)]
        return "\n".join(lines)
