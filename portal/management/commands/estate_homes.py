from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.sites.services import ensure_estate_home
from residents.models import Estate


class Command(BaseCommand):
    help = _(
        "Give each estate (or the estates named) its home page with every section, add sections registered since, "
        "and bring the Wagtail editor groups up to date with the estates' roles (safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help=_("Slugs of the estates (all estates when none is given)."))

    def handle(self, *args, slugs, **options):
        estates = Estate.objects.filter(slug__in=slugs) if slugs else Estate.objects.all()
        unknown = sorted(set(slugs) - set(estates.values_list("slug", flat=True)))
        if unknown:
            raise CommandError(_("No estate has the slug “%(slug)s”.") % {"slug": unknown[0]})
        for estate in estates.order_by("slug"):
            try:
                home = ensure_estate_home(estate)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(f"{estate.slug}: {home.url_path}")
