"""Models of the feedback app, one module per feature; importing them here registers them with the app."""

from feedback.campaigns.models import Campaign, CampaignHousehold  # noqa: F401
from feedback.complaints.models import Complaint, ComplaintDimension, ComplaintEvent, ComplaintSettings  # noqa: F401
from feedback.replies.models import ResponseReply  # noqa: F401
from feedback.scores.models import DimensionRollup, ItemRollup, ResponseRollup  # noqa: F401

from .instruments import Instrument, Item  # noqa: F401
from .surveys import (  # noqa: F401
    ImportanceWeight,
    ItemAnswer,
    Response,
    Survey,
    SurveyCandidate,
    SurveyDraft,
    SurveySettings,
)
