"""Helpers for the complaint tests: filing an item as a resident of the shared two-estate world."""

from feedback.complaints import services
from feedback.complaints.services import Submission


def submission(**overrides) -> Submission:
    """A complaint to the company in estate alpha, tagged responsiveness."""
    fields = {"kind": "complaint", "estate": "alpha", "title": "电梯维修太慢", "body": "报修三天没人来。",
              "dimensions": ("responsiveness",)}  # fmt: skip
    return Submission(**{**fields, **overrides})


def file(world, user: str = "owner", **overrides):
    return services.complaint_submit(actor=world.users[user], submission=submission(**overrides))


def file_b(world, **overrides):
    """A complaint of the household in estate beta."""
    return file(world, "other_household", **{"estate": "beta", **overrides})
