"""Phone numbers: stored normalised (E.164), shown masked as 138****1234."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_REGION = "CN"


def normalize_phone(raw: str) -> str:
    """Return the E.164 form of a phone number, or raise ValidationError naming the problem."""
    try:
        number = phonenumbers.parse(raw.strip(), DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), code="invalid_phone", params={"value": raw}
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number."), code="invalid_phone", params={"value": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(e164: str) -> str:
    """Digits as a resident writes them: 13812341234 for Chinese numbers, the full E.164 otherwise."""
    return e164[3:] if e164.startswith("+86") else e164


def mask_phone(e164: str) -> str:
    """138****1234: the first three and last four digits, the rest hidden."""
    if not e164:
        return ""
    digits = national_digits(e164)
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
