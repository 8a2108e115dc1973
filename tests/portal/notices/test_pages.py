"""Notice pages: made in the Wagtail admin, buildings of their own estate only, no script ever rendered, and
served to the estate's residents, staff and committee only."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import querydict_from_html

from portal.models import NoticePage
from tests.conftest import sign_in_verified
from tests.portal.notices.helpers import notice_draft, notice_publish, published_notice
from tests.residents.factories import BuildingFactory

pytestmark = pytest.mark.django_db

XSS_HTML = (
    '<p>停水<script>alert(1)</script><img src="x" onerror="alert(2)">'
    '<a href="javascript:alert(3)">详情</a><a href="JaVaScRiPt&#58;alert(4)">更多</a>'
    '<b onmouseover="alert(5)">注意</b><iframe src="https://evil.example/"></iframe></p>'
)


def script_in(html: str) -> list[str]:
    """Every executable thing in the page's notice: script/iframe/svg/img elements, on* attributes,
    javascript: URLs."""
    article = BeautifulSoup(html, "html.parser").find("article")
    found = [tag.name for tag in article.find_all(["script", "iframe", "svg", "img", "object", "embed"])]
    for tag in article.find_all(True):
        found += [f"{tag.name}[{name}]" for name in tag.attrs if name.lower().startswith("on")]
        found += [f"{tag.name}[href]" for name in ("href", "src") if "javascript" in str(tag.get(name, "")).lower()]
    return found


def admin_form(client, board):
    add_url = f"/cms/pages/add/portal/noticepage/{board.pk}/"
    response = client.get(add_url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    return add_url, data


def contentstate(text: str, url: str) -> str:
    """Draftail's editor state: one paragraph whose first word links to `url`."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": 2, "key": 0}],
        "data": {},
    }
    entity = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


@pytest.fixture
def admin_client(client, world):
    return sign_in_verified(client, world.users["admin"])


def test_staff_publish_a_notice_for_a_building_of_the_estate_in_the_wagtail_admin(world, boards, admin_client):
    building = world.unit_a.building
    url, data = admin_form(admin_client, boards["a"])
    data.update({"title": "1号楼停水通知", "slug": "water", "kind": "outage", "urgent": "on", "action-publish": "1"})
    data["body"] = contentstate("明天上午九点至十二点停水。", "https://example.com/")
    data.setlist("target_buildings", [str(building.pk)])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = NoticePage.objects.get(slug="water")
    assert notice.live and notice.urgent and list(notice.target_buildings.all()) == [building]


def test_the_admin_refuses_a_building_of_another_estate_with_a_clear_message(world, boards, admin_client):
    url, data = admin_form(admin_client, boards["a"])
    data.update({"title": "误选楼栋", "slug": "wrong", "kind": "other", "action-publish": "1"})
    data["body"] = contentstate("内容内容", "https://example.com/")
    data.setlist("target_buildings", [str(world.unit_b.building_id)])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    message = form.fields["target_buildings"].error_messages["invalid_choice"]
    with translation.override("en"):
        assert str(message).startswith("Building %(value)s is not in this notice's estate")
    with translation.override("zh-hans"):  # the admin speaks the admin user's language
        expected = str(message)
    assert form.errors["target_buildings"] == [expected % {"value": world.unit_b.building_id}]
    assert not NoticePage.objects.filter(slug="wrong").exists()


def test_the_admin_offers_only_the_buildings_of_the_notice_s_estate(world, boards, admin_client):
    response = admin_client.get(f"/cms/pages/add/portal/noticepage/{boards['a'].pk}/")
    offered = {box["value"] for box in BeautifulSoup(response.content, "html.parser").select("[name=target_buildings]")}
    assert offered == {str(world.unit_a.building_id)}


def test_a_notice_published_outside_the_admin_with_another_estate_s_building_is_refused(world, boards):
    draft = notice_draft(boards["a"], title="误选", buildings=[world.unit_b.building])  # drafts hold anything
    with pytest.raises(ValidationError) as refused:
        notice_publish(draft)
    assert "target_buildings" in refused.value.message_dict
    assert "乙小区" in str(refused.value.message_dict["target_buildings"])


def test_a_notice_board_outside_an_estate_tree_refuses_buildings(world):
    from wagtail.models import Site

    from portal.models import NoticeIndexPage

    company = Site.objects.get(is_default_site=True).root_page
    stray_board = company.add_child(instance=NoticeIndexPage(title="公告", slug="stray"))
    with pytest.raises(ValidationError):
        published_notice(stray_board, title="无小区", buildings=[BuildingFactory(estate=world.estate_a)])


def test_script_typed_into_the_admin_editor_never_reaches_the_rendered_notice(world, boards, admin_client, web_as):
    url, data = admin_form(admin_client, boards["a"])
    data.update({"title": "活动通知", "slug": "event", "kind": "event", "action-publish": "1"})
    data["body"] = contentstate('点击<script>alert(1)</script><img src=x onerror="alert(2)">', "javascript:alert(3)")
    assert admin_client.post(url, data).status_code == 302
    notice = NoticePage.objects.get(slug="event")
    page = web_as(world.users["owner"]).get(notice.url)
    assert page.status_code == 200
    assert script_in(page.content.decode()) == []
    assert "javascript:" not in notice.body.lower()


def test_script_stored_straight_into_a_notice_body_is_not_rendered(world, boards, web_as):
    notice = published_notice(boards["a"], title="停水", body=XSS_HTML)
    html = web_as(world.users["owner"]).get(notice.url).content.decode()
    assert script_in(html) == []
    assert "停水" in html and "注意" in html  # the text survives, only the markup is dropped
    detail = web_as(world.users["owner"]).get(f"/api/v1/me/notices/{notice.pk}/").json()
    assert script_in(f"<article>{detail['body']}</article>") == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 200),
        ("tenant", 200),
        ("dispatcher", 200),
        ("committee", 200),
        ("admin", 200),
        ("other_household", 404),
        ("newcomer", 404),
        ("manager_b", 404),
    ],
)
def test_notice_pages_are_served_to_the_estate_s_readers_only(world, boards, web_as, role, status):
    notice = published_notice(boards["a"], title="电梯维保")
    client = web_as(world.users[role])
    assert client.get(notice.url).status_code == status
    assert client.get(boards["a"].url).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(world, boards, client):
    notice = published_notice(boards["a"], title="电梯维保")
    response = client.get(notice.url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_notice_board_lists_live_notices_urgent_and_pinned_first(world, boards, web_as):
    plain = published_notice(boards["a"], title="普通通知")
    pinned = published_notice(boards["a"], title="置顶通知", pinned=True)
    urgent = published_notice(boards["a"], title="紧急停电", urgent=True)
    notice_draft(boards["a"], title="草稿不显示")
    html = web_as(world.users["owner"]).get(boards["a"].url).content.decode()
    positions = [html.index(notice.title) for notice in (urgent, pinned, plain)]
    assert positions == sorted(positions)
    assert "草稿不显示" not in html


def test_an_estate_home_page_holds_one_notice_board(world, boards):
    from portal.models import NoticeIndexPage

    assert NoticeIndexPage.can_create_at(boards["a"].get_parent().specific) is False


def test_an_estate_home_page_shows_its_urgent_notices_first_to_its_readers_only(world, boards, web_as):
    published_notice(boards["a"], title="紧急：1号楼停电", urgent=True)
    published_notice(boards["a"], title="普通活动")
    home_url = boards["a"].get_parent().url
    html = web_as(world.users["owner"]).get(home_url).content.decode()
    assert html.index("紧急：1号楼停电") < html.index('class="quick-actions"') < html.index("普通活动")  # news last
    assert web_as(world.users["other_household"]).get(home_url).status_code == 404
