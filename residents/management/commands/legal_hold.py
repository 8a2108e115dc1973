from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.holds import legal_hold_place, legal_hold_release
from core.models import LegalHold
from residents.mydata.retention import PURGES

# what a hold can name: every object type some purge knows how to spare
HOLDABLE = sorted({label for rule in PURGES for label in rule.holds})


class Command(BaseCommand):
    help = _("Place, release or list legal holds: held data is kept past its retention period (PIPL Art. 47).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        place = sub.add_parser("place")
        place.add_argument("object_type", choices=HOLDABLE)
        place.add_argument("object_id")
        place.add_argument("--reason", required=True)
        sub.add_parser("release").add_argument("hold_id", type=int)
        sub.add_parser("list")

    def handle(self, *args, action, **options):
        if action == "place":
            model = apps.get_model(options["object_type"])
            try:
                obj = model.objects.get(pk=options["object_id"])
            except (model.DoesNotExist, ValueError) as exc:
                raise CommandError(_("No such object to hold.")) from exc
            hold = legal_hold_place(obj=obj, reason=options["reason"])
            self.stdout.write(str(hold.pk))
        elif action == "release":
            try:
                legal_hold_release(hold_id=options["hold_id"])
            except LegalHold.DoesNotExist as exc:
                raise CommandError(_("No such legal hold.")) from exc
        else:
            for hold in LegalHold.objects.filter(released_at__isnull=True):
                self.stdout.write(
                    f"{hold.pk}\t{hold.object_type}:{hold.object_id}\t{hold.placed_at:%Y-%m-%d}\t{hold.reason}"
                )
