"""The complaint API: filing and its refusals, the three audiences' lists and steps, anonymity, query counts."""

import pytest

from feedback.complaints.models import Complaint, ComplaintSettings
from tests.feedback.complaints_support import file, file_b

BODY = {"kind": "complaint", "estate": "alpha", "title": "保洁不到位", "body": "楼道三天没扫。",
        "dimensions": ["tangibles"]}  # fmt: skip


def test_resident_files_and_follows_a_complaint(world, api_as):
    client = api_as(world.users["owner"])
    response = client.post("/api/v1/me/complaints/", BODY, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["dimensions"] == ["tangibles"] and response.json()["status"] == "received"
    detail = client.get(f"/api/v1/me/complaints/{pk}/").json()
    assert [e["action"] for e in detail["timeline"]] == ["submit"]
    assert detail["actions"] == ["withdraw"]
    assert client.post(f"/api/v1/me/complaints/{pk}/withdraw/", {}, format="json").json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"dimensions": ["speed"]}, "dimensions"), ({"body": ""}, "body"), ({"kind": "rant"}, "kind"),
     ({"estate": "beta"}, "estate")],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field(world, api_as, change, field):
    response = api_as(world.users["owner"]).post("/api/v1/me/complaints/", {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Complaint.objects.exists()


def test_a_duplicate_is_a_400_on_the_body(world, api_as):
    client = api_as(world.users["owner"])
    client.post("/api/v1/me/complaints/", BODY, format="json")
    response = client.post("/api/v1/me/complaints/", BODY, format="json")
    assert response.status_code == 400 and "body" in response.json()["errors"]
    assert Complaint.objects.count() == 1


def test_staff_answer_and_the_resident_rejects(world, api_as):
    c = file(world)
    staff = api_as(world.users["dispatcher"])
    assert staff.post(f"/api/v1/staff/complaints/{c.pk}/acknowledge/", {}, format="json").status_code == 200
    response = staff.post(f"/api/v1/staff/complaints/{c.pk}/answer/", {"note": "已安排"}, format="json")
    assert response.json()["status"] == "answered"
    refused = api_as(world.users["owner"]).post(f"/api/v1/me/complaints/{c.pk}/reject/", {}, format="json")
    assert refused.status_code == 400  # a reason is required
    done = api_as(world.users["owner"]).post(f"/api/v1/me/complaints/{c.pk}/reject/", {"note": "没修好"},
                                             format="json")  # fmt: skip
    assert done.json()["status"] == "escalated"
    wrong = staff.post(f"/api/v1/staff/complaints/{c.pk}/manager-answer/", {"note": "…"}, format="json")
    assert wrong.status_code == 403
    manager = api_as(world.users["manager"])
    assert manager.post(f"/api/v1/staff/complaints/{c.pk}/manager-answer/", {"note": "明天修"},
                        format="json").json()["status"] == "manager_answered"  # fmt: skip


def test_a_wrong_step_is_a_409(world, api_as):
    c = file(world)
    response = api_as(world.users["owner"]).post(f"/api/v1/me/complaints/{c.pk}/accept/", {}, format="json")
    assert response.status_code == 409


def test_committee_items_are_404_and_absent_for_staff_until_forwarded(world, api_as):
    c = file(world, addressee="committee")
    manager = api_as(world.users["manager"])
    assert manager.get(f"/api/v1/staff/complaints/{c.pk}/").status_code == 404
    assert manager.get("/api/v1/staff/complaints/?status=all").json()["count"] == 0
    assert manager.post(f"/api/v1/staff/complaints/{c.pk}/acknowledge/", {}, format="json").status_code == 404
    committee = api_as(world.users["committee"])
    assert committee.get("/api/v1/committee/complaints/").json()["count"] == 1
    forwarded = committee.post(f"/api/v1/committee/complaints/{c.pk}/forward/", {"note": "转物业"}, format="json")
    assert forwarded.status_code == 200 and forwarded.json()["route"] == "company"
    assert manager.get(f"/api/v1/staff/complaints/{c.pk}/").status_code == 200


def test_the_api_never_names_an_anonymous_submitter_to_handlers(world, api_as):
    name = world.users["owner"].person.full_name
    c = file(world, addressee="committee", anonymous_to_staff=True, unit_id=world.unit_a.pk)
    committee = api_as(world.users["committee"])
    committee.post(f"/api/v1/committee/complaints/{c.pk}/forward/", {"note": "转物业"}, format="json")
    for client, path in ((committee, "committee"), (api_as(world.users["manager"]), "staff")):
        listed = client.get(f"/api/v1/{path}/complaints/").content.decode()
        shown = client.get(f"/api/v1/{path}/complaints/{c.pk}/").content.decode()
        for body in (listed, shown):
            assert name not in body and "0101" not in body
        assert client.get(f"/api/v1/{path}/complaints/{c.pk}/").json()["unit"] is None
    mine = api_as(world.users["owner"]).get(f"/api/v1/me/complaints/{c.pk}/").json()
    assert mine["unit"] == "1号楼 0101"


def test_queue_filters_by_kind_dimension_and_overdue(world, api_as):
    file(world, body="一", dimensions=("courtesy",))
    file(world, body="二", kind="suggestion", dimensions=("tangibles",))
    client = api_as(world.users["dispatcher"])
    assert client.get("/api/v1/staff/complaints/?kind=suggestion").json()["count"] == 1
    assert client.get("/api/v1/staff/complaints/?dimension=courtesy").json()["count"] == 1
    assert client.get("/api/v1/staff/complaints/?overdue=true").json()["count"] == 0
    assert client.get("/api/v1/staff/complaints/?dimension=speed").status_code == 400


def test_lists_take_a_fixed_number_of_queries(world, api_as, django_assert_max_num_queries):
    for estate in (world.estate_a, world.estate_b):
        ComplaintSettings.objects.create(estate=estate, daily_cap=50)
    for n in range(12):
        file(world, body=f"第{n}次", dimensions=("courtesy", "tangibles"))
        file_b(world, body=f"第{n}次")
    with django_assert_max_num_queries(8):
        assert api_as(world.users["manager"]).get("/api/v1/staff/complaints/").json()["count"] == 12
    with django_assert_max_num_queries(8):
        assert api_as(world.users["owner"]).get("/api/v1/me/complaints/").json()["count"] == 12


def test_a_praise_is_answered_and_closed_by_staff(world, api_as):
    c = file(world, kind="praise", dimensions=())
    response = api_as(world.users["dispatcher"]).post(f"/api/v1/staff/complaints/{c.pk}/answer/", {"note": "谢谢"},
                                                      format="json")  # fmt: skip
    assert response.json()["status"] == "closed"
