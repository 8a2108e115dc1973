from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from committee.demo import seed_committee_demo
from portal.guide.demo import seed_guide_demo
from portal.kb.demo import seed_kb_demo
from portal.sites.demo import seed_sites_demo
from repairs.demo import DEMO_ESTATE, seed_repairs_demo
from residents.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = _("Create or refresh the demo estate, its demo accounts, its repairs and its committee (safe to run again).")

    def handle(self, *args, **options):
        logins = seed_demo()
        seed_repairs_demo()
        seed_committee_demo(estate_slug=DEMO_ESTATE)
        seed_sites_demo(estate_slug=DEMO_ESTATE)
        seed_guide_demo(estate_slug=DEMO_ESTATE)
        seed_kb_demo(estate_slug=DEMO_ESTATE)
        self.stdout.write(self.style.SUCCESS(_("Demo estate ready: 翠苑小区 (cuiyuan).")))
        for role, login in logins:
            self.stdout.write(f"  {role:<20} {login:<28} {DEMO_PASSWORD}")
        self.stdout.write(
            _(
                "Staff, committee and admin accounts ask for a two-factor code: "
                "run `manage.py demo_totp` to print the current one."
            )
        )
