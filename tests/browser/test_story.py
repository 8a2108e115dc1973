"""One repair's whole story, clicked through in Chromium by the people in it (issue 6, "Tested as a person would
use it"): a resident reads an urgent notice, searches the self-help articles for the leak and, as the one found
does not help, reports it with a photo and finds it in "my requests"; the
dispatcher accepts and assigns it; the technician arrives and completes it; the resident confirms it with a
rating and answers the survey after the repair; a committee member sees the answer counted on the committee
dashboard. Every page on the way is screenshotted at phone and desktop width and checked (no sideways scroll at
375 px, no WCAG 2.1 AA violation found by axe-core): see quality.py.

Background data that no page makes (the estate, its people and roles, the Wagtail notice, four earlier answers)
is made directly; everything the people do goes through the real pages, with Celery tasks run eagerly.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from feedback.instruments.selectors import instrument_for
from feedback.scoring import MIN_GROUP
from feedback.tasks import dispatch_repair_surveys
from portal.models import ArticleVisit
from repairs.models import WorkOrder
from residents.models import StaffProfile, Trade
from tests.feedback.scores_helpers import respond
from tests.portal.kb.helpers import kb_section, published_article
from tests.portal.notices.helpers import notice_board, published_notice
from tests.residents.factories import UserFactory

from .people import DESKTOP, PHONE, field, pass_two_factor, sign_in
from .quality import Review

pytestmark = [
    pytest.mark.browser,
    # the live server answers from its own threads, so the data must be committed; migration-seeded rows
    # (trades, the shipped survey instruments, Wagtail's root) are restored for the tests after this one
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTICE_TITLE = "1号楼明日停水通知"
NOTICE_BODY = "明天 9:00–12:00 停水，请提前储水。"
LEAK = "厨房水槽下面的水管漏水，地上都是水。"
ARTICLE_TITLE = "水槽下水管漏水怎么办"


def test_a_repair_from_the_residents_report_to_the_committee_dashboard(
    world, window, eager_celery, screenshots, tmp_path
):
    review = Review(screenshots)
    board = notice_board(world.estate_a)
    published_notice(board, title=NOTICE_TITLE, kind="outage", urgent=True, body=f"<p>{NOTICE_BODY}</p>")
    published_article(kb_section(world.estate_a), title=ARTICLE_TITLE, trade="plumbing", keywords="漏水 水管",
                      summary="先关闭水槽下的角阀，再检查接头是否松动。")  # fmt: skip
    technician = plumber(world.users["technician"])
    earlier_answers(world, MIN_GROUP - 1)  # the resident's answer is the one that lets the dashboard show figures

    resident = window(PHONE)
    sign_in(resident, world.users["owner"].email)
    resident_reads_the_urgent_notice(resident, review, home=board.get_parent().url)
    resident_tries_self_help_first(resident, review)
    order_id = resident_reports_a_leak_with_a_photo(resident, review, photo=jpeg_photo(tmp_path))
    resident_finds_it_in_my_requests(resident, review, order_id)

    dispatcher = window(DESKTOP)
    sign_in(dispatcher, world.users["dispatcher"].email)
    pass_two_factor(dispatcher)
    dispatcher_accepts_and_assigns(dispatcher, review, order_id, technician)

    technician_page = window(PHONE)
    sign_in(technician_page, technician.email)
    pass_two_factor(technician_page)
    technician_arrives_and_completes(technician_page, review, order_id)

    resident_confirms_with_a_rating(resident, review, order_id)
    dispatch_repair_surveys.delay()  # what beat sends every daytime hour
    resident_answers_the_survey(resident, review, order_id)
    resident_sees_what_they_were_told(resident, review, order_id)

    committee = window(DESKTOP)
    sign_in(committee, world.users["committee"].email)
    pass_two_factor(committee)
    committee_member_sees_the_answer_counted(committee, review, world.estate_a.name)

    visit = ArticleVisit.objects.get(user=world.users["owner"])
    assert (visit.article.title, visit.outcome) == (ARTICLE_TITLE, ArticleVisit.Outcome.NOT_HELPED)  # no deflection
    order = WorkOrder.objects.get(pk=order_id)
    assert (order.status, order.rating, order.assignee_id, order.photos.count()) == ("confirmed", 5, technician.pk, 1)
    assert review.problems == [], "\n".join(review.problems)


# --- background: what the Wagtail admin, the staff register and earlier residents made -------------------


def plumber(user):
    """The estate's technician, a plumber, so the assign form ranks them first for a leak."""
    StaffProfile.objects.create(user=user).trades.add(Trade.objects.get(key="plumbing"))
    return user


def earlier_answers(world, count: int) -> None:
    """Surveys after other repairs (of the flat next door), answered earlier today by `count` other residents."""
    instrument = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    ratings = {item.pk: {"perceived": 6} for item in instrument.items.all()}
    for _ in range(count):
        respond(instrument=instrument, estate=world.estate_a, unit=world.unit_a2, recipient=UserFactory(),
                ratings=ratings, submitted_at=timezone.now() - timedelta(hours=1))  # fmt: skip


def jpeg_photo(folder):
    """A small photo of 'the leak', as a phone would send it (a real JPEG, made with Pillow)."""
    image = Image.new("RGB", (640, 480), (200, 210, 220))
    ImageDraw.Draw(image).ellipse((200, 300, 440, 420), fill=(60, 110, 180))
    path = folder / "leak.jpg"
    image.save(path, "JPEG", quality=85)
    return path


# --- the people ---------------------------------------------------------------------------------------


def resident_reads_the_urgent_notice(page, review, *, home):
    page.wait_for_url("**/me/")
    page.goto(home)
    urgent = page.get_by_role("region", name="紧急公告")
    review.page(page, "home")
    urgent.get_by_role("link", name=NOTICE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(NOTICE_TITLE)
    expect(page.locator("article")).to_contain_text("请提前储水")
    review.page(page, "notice")


def resident_tries_self_help_first(page, review):
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="自助服务").click()
    page.get_by_role("search").get_by_label("搜索自助服务文章").fill("漏水")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    review.page(page, "self-help-search")
    page.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    review.page(page, "self-help-article")
    page.get_by_role("button", name="没有帮助").click()  # it did not: on to the repair form, the kind chosen
    page.wait_for_url("**/repairs/new/?trade=plumbing")
    expect(page.get_by_role("status")).to_contain_text("抱歉没能帮上忙")


def resident_reports_a_leak_with_a_photo(page, review, *, photo) -> int:
    """Goes on from the repair form the self-help article sent the resident to, with the kind already chosen."""
    expect(field(page, "报修类别").locator("option:checked")).to_have_text("水暖")
    field(page, "位置").select_option(label="1号楼 0101")
    field(page, "问题描述").fill(LEAK)
    field(page, "具体位置").fill("厨房水槽")
    field(page, "照片（最多 6 张）").set_input_files(photo)
    review.page(page, "repair-form")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"/repairs/\d+/$"))
    order_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.get_by_role("status")).to_have_text(f"报修 #{order_id} 已提交，我们会随时告知进展。")
    thumbnail = page.get_by_role("region", name="照片").get_by_role("img")
    thumbnail.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    review.page(page, "request-detail")
    return order_id


def resident_finds_it_in_my_requests(page, review, order_id):
    page.get_by_role("link", name="我的全部报修").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=str(order_id), exact=True))
    expect(row).to_contain_text("已提交")
    expect(row).to_contain_text(LEAK[:10])
    review.page(page, "my-requests")


def dispatcher_accepts_and_assigns(page, review, order_id, technician):
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="工单队列").click()
    review.page(page, "staff-queue")
    page.get_by_role("link", name=str(order_id), exact=True).click()
    page.get_by_role("button", name="受理", exact=True).click()
    field(page, "维修技师").select_option(str(technician.pk))
    review.page(page, "staff-order")
    page.get_by_role("button", name="派工", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("已完成：派工。")


def technician_arrives_and_completes(page, review, order_id):
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的任务").click()
    review.page(page, "my-jobs")
    page.get_by_role("link", name=re.compile(rf"^#{order_id} ")).click()
    page.get_by_role("button", name="已到场，开始维修").click()
    complete = page.locator("form.action").filter(has=page.get_by_role("button", name="完工", exact=True))
    field(complete, "备注").fill("更换了水槽下的软管，已试水无渗漏。")
    complete.get_by_role("button", name="完工", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("已完成：完工。")


def resident_confirms_with_a_rating(page, review, order_id):
    page.goto(f"/repairs/{order_id}/")
    confirm = page.locator("form.action").filter(has=page.get_by_role("button", name="确认修好"))
    field(confirm, "评分").select_option(label="★★★★★")
    review.page(page, "request-completed")
    confirm.get_by_role("button", name="确认修好").click()
    expect(page.get_by_role("status")).to_have_text("已完成：确认修好。")


def resident_answers_the_survey(page, review, order_id):
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="问卷调查").click()
    row = page.get_by_role("row").filter(has_text=f"报修 #{order_id}")
    expect(row).to_contain_text("等待您填写")
    review.page(page, "my-surveys")
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/me/surveys/\d+/$"))
    for scale in page.locator(".scale").all():  # every statement: one below the best mark
        options = scale.get_by_role("radio")
        options.nth(options.count() - 2).check()
    review.page(page, "survey")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text(re.compile("^感谢您！我们已于 .* 收到您的答卷"))).to_be_visible()


def resident_sees_what_they_were_told(page, review, order_id):
    """'My home' lists the in-app messages the outbox delivered through Celery on the way."""
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的家").click()
    messages = page.get_by_role("region", name="消息")
    for told in (f"紧急公告：{NOTICE_TITLE}", f"您的报修 #{order_id}：已派工", f"您的报修 #{order_id}：已完工",
                 "请告诉我们服务得怎么样：维修回访"):  # fmt: skip
        expect(messages).to_contain_text(told)
    review.page(page, "me")


def committee_member_sees_the_answer_counted(page, review, estate_name):
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="业委会工作台").click()
    page.get_by_role("link", name="服务质量看板").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"服务质量看板 · {estate_name}")
    expect(page.locator("main")).to_contain_text(f"答卷人数: {MIN_GROUP}")
    review.page(page, "committee-dashboard")
