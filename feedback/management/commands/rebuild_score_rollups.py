"""Recompute the score rollups from the raw answers (repair, or after a change to the rollup rules)."""

from django.core.management.base import BaseCommand

from feedback.scores.rollups import rebuild
from residents.models import Estate


class Command(BaseCommand):
    help = "Recompute the score rollups from the stored survey answers (all estates, or one by slug)."

    def add_arguments(self, parser):
        parser.add_argument("--estate", help="slug of one estate (default: every estate)")

    def handle(self, *args, estate=None, **options):
        estate_id = Estate.objects.get(slug=estate).pk if estate else None
        counted = rebuild(estate_id=estate_id)
        self.stdout.write(f"{counted} responses counted")
