"""Models of the committee app, one module per feature; importing them here registers them with the app."""

from ..meetings.models import AgendaItem, Attendance, Meeting, Vote  # noqa: F401
from ..members.models import Committee, Member  # noqa: F401
from .rules import CommitteeRules  # noqa: F401
