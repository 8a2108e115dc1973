"""Models of the feedback app, one module per feature; importing them here registers them with the app."""

from feedback.campaigns.models import Campaign, CampaignHousehold  # noqa: F401

from .instruments import Instrument, Item  # noqa: F401
from .surveys import ImportanceWeight, ItemAnswer, Response, Survey, SurveyDraft, SurveySettings  # noqa: F401
