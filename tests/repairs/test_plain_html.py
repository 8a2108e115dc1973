"""The queue's filter and bulk-assign forms draw the same HTML in Python as Django's widget and label templates."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from repairs.forms import BulkAssignForm, QueueFilterForm
from repairs.plain_html import PlainCheckboxInput, PlainSelect, PlainTextInput
from residents.models import Estate

pytestmark = pytest.mark.django_db

STOCK = {PlainSelect: forms.Select, PlainTextInput: forms.TextInput, PlainCheckboxInput: forms.CheckboxInput}


def with_stock_templates(form):
    """The same form drawn by Django's own templates: stock widgets, and the base class's label rendering."""
    for field in form.fields.values():
        plain = field.widget
        if type(plain) not in STOCK:  # the bulk form's order list: not on the page (checkboxes in the rows)
            continue
        field.widget = STOCK[type(plain)](attrs=plain.attrs)
        if isinstance(plain, forms.Select):
            field.widget.choices = plain.choices
        field.widget.is_required = plain.is_required
    form.render = lambda template_name=None, context=None, renderer=None: forms.Form.render(
        form, template_name, context, renderer
    )
    return form


def drawn(form) -> list[str]:
    return [f"{field.label_tag()} {field}" for field in form]


class Technician:
    def __init__(self, pk, name):
        self.pk, self.username, self._name = pk, f"tech{pk}", name

    def get_full_name(self):
        return self._name


TECHNICIANS = [Technician(7, "王师傅"), Technician(8, 'A & "B" <c>')]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=%3Cscript%3E&estate=alpha&status=assigned&priority=urgent&assignee=none&overdue=on",
        "status=no-such-status&assignee=99",
    ],  # fmt: skip
    ids=["empty", "filled and escaped", "invalid"],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_queue_filters_draw_exactly_what_the_templates_draw(world, query, language):
    Estate.objects.filter(slug="beta").update(name='乙 <"小区"> & 1')
    estates = list(Estate.objects.order_by("name"))

    def make():
        form = QueueFilterForm(QueryDict(query) if query else None, estates=estates, technicians=TECHNICIANS)
        form.is_valid() if query else None
        return form

    with translation.override(language):
        assert drawn(make()) == drawn(with_stock_templates(make()))


@pytest.mark.parametrize("query", ["", "technician_id=8&note=%3Cb%3E", "technician_id=x"])
def test_bulk_assign_form_draws_exactly_what_the_templates_draw(world, query):
    def make():
        form = BulkAssignForm(QueryDict(query) if query else None, technicians=TECHNICIANS)
        form.is_valid() if query else None
        return form

    assert drawn(make()) == drawn(with_stock_templates(make()))
