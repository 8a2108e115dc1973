"""Complaint pages: filing from the phone, the resident's steps, the staff queue and the committee's pages."""

import re

from feedback.complaints.models import Complaint, ComplaintSettings
from feedback.complaints.workflow import Status
from tests.feedback.complaints_support import file, file_b


def test_the_form_offers_the_dimensions_by_name_and_definition(world, web_as):
    page = web_as(world.users["owner"]).get("/complaints/new/").content.decode()
    assert "反应性" in page and "员工乐于并随时准备提供服务" in page
    assert 'value="committee"' in page


def test_resident_files_from_the_form(world, web_as):
    data = {"kind": "complaint", "estate": "alpha", "addressee": "company", "title": "噪音", "body": "夜间施工。",
            "dimensions": ["responsiveness", "communication"]}  # fmt: skip
    response = web_as(world.users["owner"]).post("/complaints/new/", data)
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == f"/complaints/{complaint.pk}/"
    assert set(complaint.dimension_tags.values_list("dimension", flat=True)) == {"responsiveness", "communication"}


def test_a_complaint_without_a_dimension_comes_back_with_the_error(world, web_as):
    data = {"kind": "complaint", "estate": "alpha", "addressee": "company", "title": "噪音", "body": "夜间施工。"}
    response = web_as(world.users["owner"]).post("/complaints/new/", data)
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert response.context["form"].errors["dimensions"]


def test_resident_rejects_with_a_reason_on_the_page(world, web_as):
    c = file(world)
    from feedback.complaints import services

    services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="已处理")
    client = web_as(world.users["owner"])
    page = client.get(f"/complaints/{c.pk}/").content.decode()
    assert "已处理" in page and 'value="reject"' in page
    client.post(f"/complaints/{c.pk}/", {"action": "reject", "note": "没修好"})
    c.refresh_from_db()
    assert c.status == Status.ESCALATED


def test_staff_page_hides_an_anonymous_submitter(world, web_as):
    c = file(world, anonymous_to_staff=True, unit_id=world.unit_a.pk)
    page = web_as(world.users["dispatcher"]).get(f"/staff/complaints/{c.pk}/").content.decode()
    assert world.users["owner"].person.full_name not in page and "0101" not in page
    queue = web_as(world.users["dispatcher"]).get("/staff/complaints/").content.decode()
    assert world.users["owner"].person.full_name not in queue


def test_staff_acknowledge_from_the_page(world, web_as):
    c = file(world)
    web_as(world.users["dispatcher"]).post(f"/staff/complaints/{c.pk}/", {"action": "acknowledge", "note": ""})
    c.refresh_from_db()
    assert c.status == Status.ACKNOWLEDGED


def test_committee_pages_list_committee_items_and_forward(world, web_as):
    c = file(world, addressee="committee")
    assert web_as(world.users["manager"]).get(f"/staff/complaints/{c.pk}/").status_code == 404
    client = web_as(world.users["committee"])
    assert f'href="/committee/complaints/{c.pk}/"' in client.get("/committee/complaints/").content.decode()
    client.post(f"/committee/complaints/{c.pk}/", {"action": "forward", "note": "转物业"})
    c.refresh_from_db()
    assert c.route == "company"


def test_navigation_links_each_role_to_its_pages(world, web_as):
    assert 'href="/complaints/"' in web_as(world.users["owner"]).get("/me/").content.decode()
    assert 'href="/staff/complaints/"' in web_as(world.users["dispatcher"]).get("/staff/").content.decode()


def test_the_queue_takes_a_fixed_number_of_queries(world, web_as, django_assert_max_num_queries):
    for estate in (world.estate_a, world.estate_b):
        ComplaintSettings.objects.create(estate=estate, daily_cap=50)
    for n in range(15):
        file(world, body=f"第{n}次", dimensions=("courtesy", "tangibles"))
        file_b(world, body=f"第{n}次")
    client = web_as(world.users["manager"])
    client.get("/staff/complaints/")  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get("/staff/complaints/")
    assert len(re.findall(r'href="/staff/complaints/\d+/"', response.content.decode())) == 15
    resident = web_as(world.users["owner"])
    with django_assert_max_num_queries(14):  # the first request of a new session, so a few more
        assert len(re.findall(r'href="/complaints/\d+/"', resident.get("/complaints/").content.decode())) == 15
