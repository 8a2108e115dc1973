"""The service guide page: for the estate's readers only; its own rows in plain words; the fee standards in force
and the repair times read live from their sources; no script from its rich text; a fixed number of queries."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committee.disclosures.services import disclosure_draft_create, disclosure_publish
from repairs.models import RepairSettings, SlaPolicy
from residents.models import Trade
from tests.portal.guide.helpers import fee_input, published_fees, published_guide
from tests.portal.notices.test_pages import XSS_HTML, script_in

pytestmark = pytest.mark.django_db
# 22 today: the session, user, two-factor device, roles and permissions (the site's chrome), Wagtail's routing
# (site, pages, view restrictions), the estate of the page, the reader's homes, then one query each for the fee
# standards, the SLA policies and the repair settings; a little room for the chrome.
GUIDE_QUERIES = 24


def english(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 200), ("tenant", 200), ("dispatcher", 200), ("manager", 200), ("committee", 200), ("admin", 200),
     ("other_household", 404), ("newcomer", 404), ("manager_b", 404), ("committee_b", 404)],
)  # fmt: skip
def test_the_guide_is_served_to_the_estate_s_readers_only(world, web_as, role, status):
    guide = published_guide(world.estate_a)
    assert web_as(world.users[role]).get(guide.url).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(published_guide(world.estate_a).url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_guide_shows_its_hours_and_contacts_in_plain_words(world, web_as):
    html = english(web_as(world.users["owner"]), published_guide(world.estate_a).url)
    assert "物业服务中心" in html and "Monday to Saturday 08:30–17:30" in html and "节假日照常" in html
    assert "Emergency line" in html and "Around the clock" in html
    assert '<a href="tel:057188886666">0571-8888 6666</a>' in html and 'href="tel:4008001234"' in html
    assert "接到报修后准时上门。" in html


def test_the_guide_shows_the_fee_standards_in_force_with_the_12358_hotline(world, web_as):
    manager, year = world.users["manager"], timezone.localdate().year
    in_force = published_fees(manager, world.estate_a)
    published_fees(manager, world.estate_a, title="上年度收费标准", period_start=date(year - 1, 1, 1),
                   period_end=date(year - 1, 12, 31))  # fmt: skip
    disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=fee_input(title="草稿收费标准"))
    published_fees(manager, world.estate_a, kind="revenue", title="公共收益公示")
    published_fees(world.users["manager_b"], world.estate_b, title="乙小区收费标准")
    html = english(web_as(world.users["owner"]), published_guide(world.estate_a).url)
    assert in_force.title in html and "多层住宅 1.20 元/㎡·月。" in html
    assert "Price complaints: call the 12358 price hotline." in html
    for hidden in ("上年度收费标准", "草稿收费标准", "公共收益公示", "乙小区收费标准"):
        assert hidden not in html
    assert f'href="/me/committee/alpha/disclosures/{in_force.pk}/"' in html


def test_a_corrected_fee_standard_gives_way_to_its_correction(world, web_as):
    manager = world.users["manager"]
    wrong = published_fees(manager, world.estate_a, title="收费标准（有误）")
    data = fee_input(title="收费标准（更正）", body="多层住宅 1.10 元/㎡·月。价格举报电话 12358。")
    fixed = disclosure_draft_create(actor=manager, estate_id=world.estate_a.pk, data=data, supersedes_id=wrong.pk)
    disclosure_publish(actor=manager, disclosure_id=fixed.pk)
    html = english(web_as(world.users["owner"]), published_guide(world.estate_a).url)
    assert "收费标准（更正）" in html and "收费标准（有误）" not in html


def test_without_a_fee_standard_in_force_the_guide_says_so_and_still_shows_the_hotline(world, web_as):
    html = english(web_as(world.users["owner"]), published_guide(world.estate_a).url)
    assert "No fee standard in force today has been published yet." in html
    assert "12358" in html


def test_the_repair_times_follow_the_estate_s_service_levels_as_they_change(world, web_as):
    guide = published_guide(world.estate_a)
    client = web_as(world.users["owner"])
    assert "Emergency (急修): answered within 10 minutes, on site within 30 minutes" in english(client, guide.url)
    policy = SlaPolicy.objects.create(estate=world.estate_a, priority="emergency", response_minutes=5,
                                      arrival_minutes=20, resolution_minutes=180, around_the_clock=True)  # fmt: skip
    SlaPolicy.objects.create(estate=world.estate_a, priority="emergency", trade=Trade.objects.get(key="lift"),
                             response_minutes=5, arrival_minutes=15, resolution_minutes=120,
                             around_the_clock=True)  # fmt: skip
    RepairSettings.objects.create(estate=world.estate_a, business_day_start=time(9), business_day_end=time(17),
                                  business_weekdays=[1, 2, 3, 4, 5])  # fmt: skip
    html = english(client, guide.url)
    assert "Emergency (急修): answered within 5 minutes, on site within 20 minutes, fixed within 3 hours." in html
    assert "Lift, Emergency (急修): answered within 5 minutes, on site within 15 minutes" in html
    assert "Counted in business hours: Monday to Friday 09:00–17:00." in html
    policy.arrival_minutes = 25
    policy.save()
    assert "on site within 25 minutes" in english(client, guide.url)  # the page itself was not edited


def test_the_residents_links_are_shown_to_residents_only(world, web_as):
    published_fees(world.users["manager"], world.estate_a)
    guide = published_guide(world.estate_a)
    assert "/me/committee/alpha/disclosures/" in english(web_as(world.users["owner"]), guide.url)
    staff = english(web_as(world.users["dispatcher"]), guide.url)
    assert "/me/committee/alpha/disclosures/" not in staff and "12358" in staff


def test_script_stored_in_the_guide_never_reaches_the_page(world, web_as):
    row = {"name": '<script>alert(1)</script>值班', "phone": "0571-8888 6666", "place": "<img src=x onerror=alert(2)>",
           "note": ""}  # fmt: skip
    guide = published_guide(world.estate_a, commitments=XSS_HTML, contacts=[row])
    html = web_as(world.users["owner"]).get(guide.url).content.decode()
    assert script_in(html) == []
    assert "停水" in html and "注意" in html and "&lt;script&gt;alert(1)&lt;/script&gt;值班" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_guide_runs_a_fixed_number_of_queries_however_many_rows_it_shows(
    world, web_as, django_assert_max_num_queries
):
    guide = published_guide(world.estate_a)
    published_fees(world.users["manager"], world.estate_a)
    client = web_as(world.users["owner"])
    client.get(guide.url)  # the session and the site's root paths are read once, then cached
    few = _queries(client, guide.url)
    for i in range(4):
        published_fees(world.users["manager"], world.estate_a, title=f"车位管理费{i}")
    for trade in Trade.objects.all()[:4]:
        SlaPolicy.objects.create(estate=world.estate_a, priority="urgent", trade=trade, response_minutes=20,
                                 arrival_minutes=60, resolution_minutes=600)  # fmt: skip
    RepairSettings.objects.create(estate=world.estate_a)
    assert _queries(client, guide.url) == few
    with django_assert_max_num_queries(GUIDE_QUERIES):
        assert "车位管理费3" in client.get(guide.url).content.decode()
