"""Estate home pages and service guides for the portal tests."""

from datetime import date, time

from django.utils import timezone

from portal.models import EstateHomePage, ServiceGuidePage
from portal.sites.services import ensure_estate_home

EMERGENCY_24H = {"service": "emergency", "label": "", "around_the_clock": True, "days": [], "opens": None,
                 "closes": None, "note": ""}  # fmt: skip
DESK = {"service": "desk", "label": "物业服务中心", "around_the_clock": False, "days": ["1", "2", "3", "4", "5", "6"],
        "opens": time(8, 30), "closes": time(17, 30), "note": "节假日照常"}  # fmt: skip
FRONT_DESK = {"name": "客服中心", "phone": "0571-8888 6666", "place": "3号楼一层", "note": ""}
NIGHT_DUTY = {"name": "夜间值班", "phone": "400-800-1234", "place": "", "note": "22:00–08:00"}


def estate_home(estate) -> EstateHomePage:
    """The estate's home page under the company home (made once, as every estate tree is)."""
    return ensure_estate_home(estate)


def published_guide(estate, *, hours=(DESK, EMERGENCY_24H), contacts=(FRONT_DESK, NIGHT_DUTY), **fields):
    """A live service guide under the estate's home page, published as the admin does (a revision)."""
    values = {"title": "服务指南", "slug": "guide", "commitments": "<p>接到报修后准时上门。</p>", **fields}
    page = ServiceGuidePage(**values)
    page.hours = [("hours", row) for row in hours]
    page.contacts = [("contact", row) for row in contacts]
    estate_home(estate).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def fee_input(**changes):
    from committee.disclosures.services import DisclosureInput

    today = timezone.localdate()  # the day the selector counts in (Asia/Shanghai)
    values = {"kind": "fees", "title": f"{today.year}年度物业服务收费标准", "period_start": date(today.year, 1, 1),
              "period_end": date(today.year, 12, 31),
              "body": "多层住宅 1.20 元/㎡·月。\n价格举报电话 12358。"}  # fmt: skip
    return DisclosureInput(**{**values, **changes})


def published_fees(manager, estate, **changes):
    from committee.disclosures.services import disclosure_draft_create, disclosure_publish

    entry = disclosure_draft_create(actor=manager, estate_id=estate.pk, data=fee_input(**changes))
    return disclosure_publish(actor=manager, disclosure_id=entry.pk)
