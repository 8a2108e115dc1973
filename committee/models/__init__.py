"""Models of the committee app, one module per feature; importing them here registers them with the app."""

from ..supervision.models import SupervisionEvent, SupervisionItem  # noqa: F401
from .rules import CommitteeRules  # noqa: F401
