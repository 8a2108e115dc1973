from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.oath import totp

from residents.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = _("Print the current two-factor code of the demo staff accounts (development only).")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("demo_totp works only with DEBUG on."))
        self.stdout.write(f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}")
