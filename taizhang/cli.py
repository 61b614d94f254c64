"""The `taizhang` console command: Django's management commands with the product's settings.

taizhang demo [--no-serve]          set up the database, load the 2025 晋中 demo, serve on :8000
taizhang status --period 2025-10    the period's rollup (--json for machines)
taizhang migrate | createsuperuser | runserver | ...   any Django command
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "taizhang"
    if len(argv) == 1:
        argv.append("help")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
