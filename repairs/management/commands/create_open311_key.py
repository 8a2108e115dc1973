"""manage.py create_open311_key NAME --estate SLUG: a new Open311 client and its API key, printed once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from repairs.open311.keys import open311_client_create


class Command(BaseCommand):
    help = _("Create an Open311 client for an estate and print its API key (shown only this once).")

    def add_arguments(self, parser):
        parser.add_argument("name", help=_("What the client is, e.g. the estate's WeChat mini-program."))
        parser.add_argument("--estate", required=True, help=_("Slug of the estate whose requests it files."))

    def handle(self, *args, name, estate, **options):
        try:
            client, key = open311_client_create(name=name, estate_slug=estate)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(_("Open311 client “%(name)s” (#%(id)s) created for %(estate)s. Its API key, shown only "
                            "once; only a digest is stored:") % {"name": client.name, "id": client.pk,
                                                                  "estate": client.estate.name})  # fmt: skip
        self.stdout.write(key)
