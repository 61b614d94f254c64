"""`taizhang demo`: set up the database, load the 2025 晋中 demo, serve it on 127.0.0.1:8000."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from taizhang.demo.loader import load_demo


class Command(BaseCommand):
    help = "Migrate, load the 2025 Jinzhong demo (marked 演示数据) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and stop; do not serve.")
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="Where to serve (default 127.0.0.1:8000; another host must be in TAIZHANG_ALLOWED_HOSTS).",
        )

    def handle(self, *args, no_serve: bool = False, addrport: str = "127.0.0.1:8000", **options):
        self.stdout.write(_("Setting up the database …"))
        call_command("migrate", interactive=False, verbosity=0)
        load_demo(stdout=self.stdout)
        host, _sep, port = addrport.rpartition(":")
        url = f"http://{host or '127.0.0.1'}:{port}/"
        if no_serve:
            self.stdout.write(
                _("Serve it with: taizhang demo (or taizhang runserver --insecure), then open %(url)s")
                % {"url": url}
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Open %(url)s and log in with an account above (Ctrl-C stops).") % {"url": url}
            )
        )
        # DEBUG is off and WhiteNoise is not installed: staticfiles' runserver serves /static/ with --insecure.
        call_command("runserver", addrport, use_reloader=False, insecure_serving=True)
