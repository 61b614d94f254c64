"""`taizhang export projects --period 2025-10 -o 调度表.xlsx [--county 榆次区]`: the dispatch sheet as Excel.

The same workbook the project pages offer (projects.exports.dispatch_workbook): the period's approved
figures, one row per project of the period's year, grouped by county, with a 汇总 sheet.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from taizhang.core import schedule
from taizhang.projects.exports import default_title, dispatch_workbook
from taizhang.projects.models import Project, ProjectTag
from taizhang.projects.selectors import project_states
from taizhang.projects.services import LOCATION_KINDS


class Command(BaseCommand):
    help = "Export data as Excel: `export projects --period YYYY-MM -o FILE` writes the dispatch sheet."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="projects")
        projects = kinds.add_parser("projects", help="the key-project dispatch sheet (调度表)")
        projects.add_argument("--period", required=True, help="YYYY-MM, e.g. 2025-10")
        projects.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        projects.add_argument("--county", help="only this county-level unit or zone, e.g. 榆次区")

    def handle(self, *args, kind, period, output, county=None, **options):
        try:
            year, month = schedule.parse_period(period)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        period = schedule.period_str(year, month)
        projects = (
            Project.objects.filter(year=year, is_archived=False)
            .select_related("location", "responsible_unit")
            .prefetch_related(Prefetch("tags", queryset=ProjectTag.objects.order_by("order", "name")))
        )
        title = default_title(period)
        if county:
            unit = find_county(county)
            projects = projects.filter(location=unit)
            title = title.replace("晋中市", f"晋中市{unit.short_name or unit.name}", 1)
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(
                _("The output file must end in .xlsx: %(path)s") % {"path": output}, returncode=2
            )
        if not path.parent.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": path.parent}, returncode=2)
        states = project_states(projects, period)
        demo = any(state.project.is_demo for state in states)
        path.write_bytes(dispatch_workbook(states, period, title=title, demo=demo))
        self.stdout.write(
            _("Wrote %(path)s: %(n)s projects, %(period)s.")
            % {"path": path, "n": len(states), "period": schedule.period_label(year, month)}
        )


def find_county(name: str):
    """The county-level unit or zone called ``name`` (full or short name, "榆次" for 榆次区); else exit 2."""
    from taizhang.accounts.models import Unit

    units = Unit.objects.filter(kind__in=LOCATION_KINDS)
    text = name.strip()
    found = list(units.filter(Q(name=text) | Q(short_name=text)))
    if not found:
        found = list(units.filter(Q(name__startswith=text) | Q(short_name__startswith=text)))
    if len(found) != 1:
        raise CommandError(
            _("Unknown county “%(name)s”; one of: %(units)s")
            % {"name": name, "units": "、".join(u.short_name or u.name for u in units)},
            returncode=2,
        )
    return found[0]
