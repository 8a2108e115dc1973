from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from tqdm import tqdm

from core.errors import Conflict
from repairs.scale import scale_work_orders_delete, scale_work_orders_seed
from residents.scale import ScaleSpec, default_buildings_per_estate, scale_seed


class Command(BaseCommand):
    help = _(
        "Generate many estates, units and verified owners for load and performance tests "
        "(estates scale-001, scale-002…; the same data for the same seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--estates", type=int, required=True, help=_("Number of estates to create."))
        parser.add_argument("--units-per-estate", type=int, required=True, help=_("Number of units in each estate."))
        parser.add_argument(
            "--buildings-per-estate",
            type=int,
            help=_("Number of buildings in each estate (default: about 200 units per building)."),
        )
        parser.add_argument("--seed", type=int, default=0, help=_("Random seed; the same seed gives the same data."))
        parser.add_argument("--batch-size", type=int, default=2000, help=_("Rows per INSERT statement."))
        parser.add_argument(
            "--replace", action="store_true", help=_("Delete the scale data of an earlier run before generating.")
        )
        parser.add_argument(
            "--work-orders", type=int, default=0, help=_("Work orders (with their events) spread over two years.")
        )

    def handle(self, *args, **options):
        units, buildings = options["units_per_estate"], options["buildings_per_estate"]
        spec = ScaleSpec(
            estates=options["estates"],
            units_per_estate=units,
            buildings_per_estate=default_buildings_per_estate(units) if buildings is None else buildings,
            seed=options["seed"],
            batch_size=options["batch_size"],
        )
        with tqdm(total=max(0, spec.estates * units), unit=_("units"), disable=options["verbosity"] == 0) as bar:
            try:
                with transaction.atomic():
                    if options["replace"]:
                        scale_work_orders_delete()  # they refer to the units the replacement deletes
                    result = scale_seed(spec=spec, replace=options["replace"], on_progress=bar.update)
            except Conflict as exc:
                raise CommandError(
                    _("Scale data from an earlier run exists; pass --replace to delete it and generate again.")
                ) from exc
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            except ProtectedError as exc:
                raise CommandError(
                    _("Other data refers to the scale data, so it was kept: %(objects)s")
                    % {"objects": ", ".join(sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects}))}
                ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Created %(estates)d estates, %(buildings)d buildings, %(units)d units and %(owners)d owners.")
                % vars(result)
            )
        )
        if options["work_orders"] > 0:
            total = options["work_orders"]
            with tqdm(total=total, unit=_("work orders"), disable=options["verbosity"] == 0) as bar:
                orders = scale_work_orders_seed(orders=total, seed=options["seed"], batch_size=options["batch_size"],
                                                on_progress=bar.update)  # fmt: skip
            self.stdout.write(
                self.style.SUCCESS(_("Created %(orders)d work orders with %(events)d events.") % vars(orders))
            )
