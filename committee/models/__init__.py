"""Models of the committee app, one module per feature; importing them here registers them with the app."""

from committee.disclosures import models as disclosures  # noqa: F401
from committee.documents import models as documents  # noqa: F401
from committee.meetings.models import AgendaItem, Attendance, Meeting, Vote  # noqa: F401
from committee.members.models import Committee, Member  # noqa: F401
from committee.reports.models import QualityReport  # noqa: F401
from committee.spotchecks.models import SpotCheck, SpotCheckDraw  # noqa: F401
from committee.supervision.models import SupervisionEvent, SupervisionItem  # noqa: F401
from committee.votes.models import Ballot, BallotEvent, Motion, RollEntry, RollUnit, VoteNotice  # noqa: F401

from .rules import CommitteeRules  # noqa: F401
