"""Form widgets and labels that write their HTML in Python: the same markup as Django's templates
(django/forms/widgets/select.html, input.html, attrs.html, django/forms/label.html), without a template render per
field and per option. For the staff queue's filters, drawn on every load of the busiest staff page."""

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString


def _attrs(attrs: dict) -> SafeString:
    """attrs.html: ` name="value"` in order; True → the bare name; False → left out."""
    return format_html_join(
        "",
        "{}",
        ((format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
         for name, value in attrs.items() if value is not False),
    )  # fmt: skip


class PlainSelect(forms.Select):
    """A <select> without option groups, as select.html draws it."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _group, _index in widget["optgroups"]):
            raise ValueError("PlainSelect does not draw option groups")  # select.html's <optgroup>: not needed here
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',  # the option template's own line end, kept
            ((str(option["value"]), _attrs(option["attrs"]), option["label"])
             for _name, group, _index in widget["optgroups"] for option in group),
        )  # fmt: skip
        return format_html('<select name="{}"{}>{}\n</select>', name, _attrs(widget["attrs"]), options)


class _PlainInput:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, _attrs(widget["attrs"]))


class PlainTextInput(_PlainInput, forms.TextInput):
    pass


class PlainCheckboxInput(_PlainInput, forms.CheckboxInput):
    pass


class PlainLabelsForm(forms.Form):
    """Draws each field's <label> as django/forms/label.html does, without rendering that template."""

    def render(self, template_name=None, context=None, renderer=None):
        if template_name != self.template_name_label or context is None:
            return super().render(template_name, context, renderer)
        if not context["use_tag"]:
            return conditional_escape(context["label"])
        tag = context["tag"]
        return format_html("<{}{}>{}</{}>", tag, _attrs(context["attrs"]), context["label"], tag)
