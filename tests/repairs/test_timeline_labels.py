"""The timeline names each event in words, in the reader's language (one mapping: repairs.workflow.EVENT_LABELS),
on the resident's and the staff order page and in the API; status codes are named too."""

import ast
import re
from pathlib import Path

import pytest

import repairs
from repairs import escalation, services
from repairs.workflow import EVENT_LABELS, TABLE, event_label

pytestmark = pytest.mark.django_db

RECORDERS = {"work_order_event_record", "_act"}


def _literals(node, assigned: dict) -> set[str]:
    """String values an action argument can take: a literal, either side of `a if c else b`, or a local name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literals(node.body, assigned) | _literals(node.orelse, assigned)
    if isinstance(node, ast.Name):
        return set().union(*(_literals(value, {}) for value in assigned.get(node.id, [])))
    return set()


def recorded_actions() -> set[str]:
    """Every action name the repairs code passes to the event recorder (read from the source, not a list)."""
    found = set()
    for path in Path(repairs.__file__).parent.rglob("*.py"):
        for function in ast.walk(ast.parse(path.read_text())):
            if not isinstance(function, ast.FunctionDef):
                continue
            assigned = {}
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                    assigned.setdefault(node.targets[0].id, []).append(node.value)
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                name = getattr(call.func, "attr", getattr(call.func, "id", ""))
                if name not in RECORDERS:
                    continue
                action = next((k.value for k in call.keywords if k.arg == "action"), None)
                if action is None and len(call.args) > 2:
                    action = call.args[2]
                if action is not None:
                    found |= _literals(action, assigned)
    return found


def test_every_action_the_code_records_has_a_label():
    actions = recorded_actions() | set(TABLE) | set(escalation.EVENT_ACTIONS.values())
    assert {"submit", "photo", "press", "quote_accepted", "checklist_undone"} <= actions  # the scan finds them
    assert actions - set(EVENT_LABELS) == set()


def test_an_action_no_longer_recorded_shows_its_code_rather_than_failing():
    assert event_label("retired_action") == "retired_action"


@pytest.fixture
def assigned(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(order_id=order.pk, technician_id=world.users["technician"].pk,
                               actor=world.users["dispatcher"])  # fmt: skip
    return order


def strong_labels(page: str) -> list[str]:
    timeline = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r"<strong>(.*?)</strong>", timeline)


@pytest.mark.parametrize(
    ("language", "labels", "status"),
    [
        ("zh-hans", ["已提交", "已受理", "已派工"], "→ 已派工"),
        ("en", ["Submitted", "Accepted", "Assigned"], "→ Assigned"),
    ],
)
@pytest.mark.parametrize("viewer", ["owner", "dispatcher"])
def test_order_pages_show_translated_event_labels(world, web_as, assigned, language, labels, status, viewer):
    url = f"/staff/work-orders/{assigned.pk}/" if viewer == "dispatcher" else f"/repairs/{assigned.pk}/"
    page = web_as(world.users[viewer]).get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert strong_labels(page) == labels
    assert status in page and "→ assigned" not in page


@pytest.mark.parametrize(("language", "assign_label"), [("zh-hans", "已派工"), ("en", "Assigned")])
@pytest.mark.parametrize("viewer", ["owner", "dispatcher"])
def test_api_timeline_carries_the_label_beside_the_code(world, api_as, assigned, language, assign_label, viewer):
    url = (
        f"/api/v1/staff/work-orders/{assigned.pk}/" if viewer == "dispatcher" else f"/api/v1/me/repairs/{assigned.pk}/"
    )
    timeline = api_as(world.users[viewer]).get(url, HTTP_ACCEPT_LANGUAGE=language).json()["timeline"]
    last = timeline[-1]
    assert (last["action"], last["action_label"]) == ("assign", assign_label)
    assert (last["to_status"], last["to_status_label"]) == ("assigned", assign_label)


def test_a_step_that_keeps_the_status_shows_no_arrow(world, web_as, assigned):
    from repairs.follow_up import work_order_press

    work_order_press(order_id=assigned.pk, actor=world.users["owner"], note="")
    page = web_as(world.users["owner"]).get(f"/repairs/{assigned.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    timeline = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    pressed = next(item for item in timeline.split("<li>") if "pressed for progress" in item)
    assert "→" not in pressed
