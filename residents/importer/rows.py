"""The columns of a registry file and the checks each row passes on its own, without the database."""

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _

from core.phones import normalize_phone

from ..models import Unit
from .files import read_table
from .report import ImportReport, RowError

# Canonical column names and the Chinese headers accepted for them.
COLUMNS = {
    "estate_slug": ("小区代码",),
    "estate_name": ("小区名称",),
    "building": ("楼栋",),
    "unit": ("房号",),
    "floor": ("楼层",),
    "area": ("面积", "专有面积"),
    "use": ("用途",),
    "owner_name": ("业主姓名",),
    "owner_phone": ("业主电话", "业主手机"),
    "owner_email": ("业主邮箱",),
    "share": ("份额", "产权份额"),
    "owner_since": ("起始日期", "产权起始日期"),
}
REQUIRED_COLUMNS = ("estate_slug", "estate_name", "building", "unit", "floor", "area", "use")
HEADER_NAMES = {title.lower(): name for name, aliases in COLUMNS.items() for title in (name, *aliases)}
USES = {
    **{use.value: use.value for use in Unit.Use},
    "住宅": Unit.Use.RESIDENTIAL,
    "商业": Unit.Use.COMMERCIAL,
    "车位": Unit.Use.PARKING,
}
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _header_columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    """Column positions by canonical name, and the header's problems (reported on line 1)."""
    positions, errors = {}, []
    for index, title in enumerate(t.strip() for t in header):
        name = HEADER_NAMES.get(title.lower())
        if not title:
            continue
        if name is None:
            message = _("Unknown column. The columns are: %(names)s.") % {"names": ", ".join(COLUMNS)}
            errors.append(RowError(1, title, message))
        elif name in positions:
            errors.append(RowError(1, title, _("This column appears twice.")))
        else:
            positions[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    return positions, errors + [RowError(1, name, _("This column is missing.")) for name in missing]


def _text(max_length: int, *, required: bool = True) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if required and not value:
            raise ValidationError(_("This value is required."))
        if len(value) > max_length:
            raise ValidationError(_("Use at most %(max)s characters.") % {"max": max_length})
        return value

    return parse


def _slug(value: str) -> str:
    validate_slug(_text(32)(value))
    return value


def _floor(value: str) -> int:
    if not re.fullmatch(r"-?\d{1,4}", value):
        raise ValidationError(_("The floor must be a whole number, such as 12 or -1."))
    return int(value)


def _number(value: str, message) -> Decimal:
    if not _NUMBER.fullmatch(value):
        raise ValidationError(message)
    return Decimal(value)


def _places(number: Decimal) -> int:
    return max(0, -number.normalize().as_tuple().exponent)


def _area(value: str) -> Decimal:
    area = _number(value, _("Enter the area in square metres as a number, such as 88.5."))
    if area <= 0:
        raise ValidationError(_("The area must be greater than 0."))
    if area >= 10**7 or _places(area) > 2:
        raise ValidationError(_("Give the area with at most 7 digits, and 2 after the decimal point."))
    return area


def _use(value: str) -> str:
    if value.lower() not in USES:
        raise ValidationError(_("The use must be residential, commercial or parking (住宅, 商业 or 车位)."))
    return USES[value.lower()]


def _phone(value: str) -> str:
    return normalize_phone(value) if value else ""


def _email(value: str) -> str:
    if value:
        validate_email(value)
    return value.lower()


def _share(value: str) -> Decimal:
    share = _number(value or "1", _("Enter the share as a number, such as 0.5."))
    if not 0 < share <= 1:
        raise ValidationError(_("The share must be greater than 0 and at most 1."))
    if _places(share) > 4:
        raise ValidationError(_("Give the share with at most 4 decimal places."))
    return share


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        raise ValidationError(_("Enter the date as YYYY-MM-DD, such as 2024-05-01.")) from None


PARSERS = {
    "estate_slug": _slug,
    "estate_name": _text(100, required=False),
    "building": _text(50),
    "unit": _text(20),
    "floor": _floor,
    "area": _area,
    "use": _use,
    "owner_name": _text(100, required=False),
    "owner_phone": _phone,
    "owner_email": _email,
    "share": _share,
    "owner_since": _since,
}


@dataclasses.dataclass(frozen=True)
class Row:
    """One row that passed the checks on its own; owner fields are blank for a unit with no owner yet."""

    line: int
    estate_slug: str
    estate_name: str
    building: str
    unit: str
    floor: int
    area: Decimal
    use: str
    owner_name: str
    owner_phone: str
    owner_email: str
    share: Decimal
    owner_since: date

    @property
    def unit_key(self) -> tuple[str, str, str]:
        return (self.estate_slug, self.building, self.unit)

    @property
    def has_owner(self) -> bool:
        return bool(self.owner_name or self.owner_phone or self.owner_email)


def parse_row(line: int, cells: list[str], positions: dict[str, int]) -> tuple[Row | None, list[RowError]]:
    """Check one row's cells on their own; every bad field is reported."""
    values, errors = {}, []
    for name, parse in PARSERS.items():
        index = positions.get(name, len(cells))
        try:
            values[name] = parse(cells[index].strip() if index < len(cells) else "")
        except ValidationError as exc:
            errors.append(RowError(line, name, " ".join(exc.messages)))
    if not errors:
        errors = _owner_errors(line, values)
    named = set(positions.values())
    if any(cell.strip() for index, cell in enumerate(cells) if index not in named):
        errors.append(RowError(line, "", _("This row has a value in a column the header does not name.")))
    return (None if errors else Row(line=line, **values)), errors


def _owner_errors(line: int, values: dict) -> list[RowError]:
    contact = values["owner_phone"] or values["owner_email"]
    if contact and not values["owner_name"]:
        return [RowError(line, "owner_name", _("Give the owner's name."))]
    if values["owner_name"] and not contact:
        return [RowError(line, "owner_phone", _("Give the owner's phone number or email address."))]
    return []


def registry_parse(*, file_name: str, content: bytes) -> tuple[list[Row], ImportReport]:
    """Read a registry file and check each row on its own (no database); raises ValidationError on "file"."""
    header, records = read_table(file_name=file_name, content=content)
    positions, header_errors = _header_columns(header)
    report, rows = ImportReport(errors=list(header_errors)), []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are harmless
        report.rows += 1
        if not header_errors:
            row, errors = parse_row(line, cells, positions)
            report.errors += errors
            rows += [row] if row else []
    if not report.rows:
        raise ValidationError({"file": [_("The file has no rows below the header.")]})
    return rows, report
