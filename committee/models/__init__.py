"""Models of the committee app, one module per feature; importing them here registers them with the app."""

from ..disclosures import models as disclosures  # noqa: F401
from ..documents import models as documents  # noqa: F401
from .rules import CommitteeRules  # noqa: F401
