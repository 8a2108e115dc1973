"""The rows staff write on a service guide: opening hours of each desk or line, and the company's contacts.

Contacts are the company's desks and duty phones, never a resident's (SECURITY.md §0)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

ISO_WEEKDAYS = [(str(day), WEEKDAYS[day - 1]) for day in range(1, 8)]
# A company number as people write it: 0571-8888 6666, (0571) 88886666, 400-800-1234, +86 571 8888 6666.
PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]{2,22}[0-9]$"


class Service(models.TextChoices):
    DESK = "desk", _("Service desk")
    OFFICE = "office", _("Management office")
    REPAIR_LINE = "repair_line", _("Repair line")
    EMERGENCY = "emergency", _("Emergency line")
    OTHER = "other", _("Other")


class HoursBlock(blocks.StructBlock):
    """When one desk or line is open: around the clock, or on some weekdays between two times."""

    service = blocks.ChoiceBlock(choices=Service.choices, label=_("Desk or line"))
    label = blocks.CharBlock(required=False, max_length=60, label=_("Name shown"),
                             help_text=_("Leave empty to show the desk or line's usual name."))  # fmt: skip
    around_the_clock = blocks.BooleanBlock(required=False, label=_("Around the clock (24 hours, every day)"))
    days = blocks.MultipleChoiceBlock(choices=ISO_WEEKDAYS, required=False, label=_("Days"))
    opens = blocks.TimeBlock(required=False, label=_("Opens"))
    closes = blocks.TimeBlock(required=False, label=_("Closes"))
    note = blocks.CharBlock(required=False, max_length=120, label=_("Note"),
                            help_text=_("For example: open on public holidays."))  # fmt: skip

    class Meta:
        icon = "time"
        label = _("Opening hours")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["service"] == Service.EMERGENCY and not value["around_the_clock"]:
            errors["around_the_clock"] = ValidationError(_("The emergency line answers around the clock: tick it."))
        if not value["around_the_clock"]:
            errors.update(self._hours_errors(value))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    @staticmethod
    def _hours_errors(value) -> dict:
        errors = {}
        if not value["days"]:
            errors["days"] = ValidationError(_("Choose the days it is open, or tick “around the clock”."))
        for name in ("opens", "closes"):
            if value[name] is None:
                errors[name] = ValidationError(_("Give the time, or tick “around the clock”."))
        if value["opens"] and value["closes"] and value["opens"] >= value["closes"]:
            errors["closes"] = ValidationError(_("It must close after it opens."))
        return errors


class ContactBlock(blocks.StructBlock):
    """One of the company's desks or duty phones."""

    name = blocks.CharBlock(
        max_length=60, label=_("Desk or duty"), help_text=_("For example: Service centre, Night duty.")
    )
    phone = blocks.RegexBlock(
        regex=PHONE_PATTERN,
        max_length=24,
        label=_("Phone"),
        help_text=_("The company's number (desk or duty phone), never a resident's."),
        error_messages={"invalid": _("Enter a phone number: digits, spaces, hyphens and brackets only.")},
    )
    place = blocks.CharBlock(required=False, max_length=100, label=_("Where"),
                             help_text=_("For example: ground floor of building 3."))  # fmt: skip
    note = blocks.CharBlock(required=False, max_length=120, label=_("Note"))

    class Meta:
        icon = "mail"
        label = _("Contact")
