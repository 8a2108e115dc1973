"""Models of the committee app, one module per feature; importing them here registers them with the app."""

from ..reports.models import QualityReport  # noqa: F401, E402
from ..spotchecks.models import SpotCheck, SpotCheckDraw  # noqa: F401, E402
from .rules import CommitteeRules  # noqa: F401
