"""The demo estate's service guide and owners' committee page, under its home page (what `make run` shows).
Their fee standards, repair times and committee are read live from the other apps' demo data. Safe to run
again: a page that exists is left as it is."""

from datetime import time

from django.db import transaction
from wagtail.models import Page

from residents.models import Estate

WORKDAYS = ["1", "2", "3", "4", "5", "6"]
HOURS = [
    {"service": "desk", "label": "物业服务中心", "around_the_clock": False, "days": WORKDAYS,
     "opens": time(8, 30), "closes": time(17, 30), "note": "法定节假日照常值班"},
    {"service": "repair_line", "label": "", "around_the_clock": False, "days": [*WORKDAYS, "7"],
     "opens": time(7, 0), "closes": time(22, 0), "note": ""},
    {"service": "emergency", "label": "", "around_the_clock": True, "days": [], "opens": None, "closes": None,
     "note": "停水停电、管道爆裂、电梯困人"},
]  # fmt: skip
CONTACTS = [
    {"name": "客服中心", "phone": "0571-8765 4321", "place": "3号楼一层物业服务中心", "note": ""},
    {"name": "24小时报修及应急", "phone": "0571-8765 4300", "place": "", "note": "夜间由值班主管接听"},
    {"name": "物业公司投诉电话", "phone": "400-820-1234", "place": "", "note": ""},
]
COMMITMENTS = (
    "<h2>我们的承诺</h2><ul><li>报修电话 24 小时有人接听。</li><li>维修人员上门出示工作证，完工后清理现场。</li>"
    "<li>每月公布收支和公共收益，接受业主和业主委员会监督。</li></ul>"
)
COMMITTEE_INTRO = "<p>业委会信箱设在3号楼大堂，每月第一个周六上午在社区活动室接待业主。</p>"


def _estate_home(estate: Estate) -> Page:
    """The estate's home page (made with its sections if the demo has none yet)."""
    from portal.sites.services import ensure_estate_home

    return ensure_estate_home(estate)


def _publish_under(home: Page, page: Page) -> None:
    home.add_child(instance=page)
    page.save_revision().publish()


@transaction.atomic
def seed_guide_demo(*, estate_slug: str) -> None:
    from portal.models import CommitteePage, ServiceGuidePage

    home = _estate_home(Estate.objects.get(slug=estate_slug))
    if not ServiceGuidePage.objects.child_of(home).exists():
        guide = ServiceGuidePage(title="服务指南", slug="guide", commitments=COMMITMENTS)
        guide.hours = [("hours", row) for row in HOURS]
        guide.contacts = [("contact", row) for row in CONTACTS]
        _publish_under(home, guide)
    if not CommitteePage.objects.child_of(home).exists():
        _publish_under(home, CommitteePage(title="业主委员会", slug="committee", intro=COMMITTEE_INTRO))
