"""Reads for the data-subject rights: whose deletion requests a staff member may see and decide."""

from django.db.models import Q

from .. import access
from ..selectors import person_estate_ids
from .models import DeletionRequest


def may_decide(user, person) -> bool:
    """people.erase in an estate the person is (or was) tied to by an ownership, occupancy or claim; a person
    tied to no estate is the admin's to decide."""
    ids = access.estate_ids_with(user, "people.erase")
    return ids is None or bool(ids & person_estate_ids(person=person))


def deletion_requests_for_staff(*, user):
    """Open requests of people tied to an estate where the user holds people.erase (the admin: all)."""
    requests = DeletionRequest.objects.filter(status=DeletionRequest.Status.OPEN)
    ids = access.estate_ids_with(user, "people.erase")
    if ids is not None:
        tied = (
            Q(person__ownerships__unit__estate_id__in=ids)
            | Q(person__occupancies__unit__estate_id__in=ids)
            | Q(person__claims__unit__estate_id__in=ids)
        )
        requests = requests.filter(pk__in=DeletionRequest.objects.filter(tied).values("pk"))
    return requests.select_related("person__user").order_by("created_at", "id")


def deletion_requests_of(*, person):
    return DeletionRequest.objects.filter(person=person).order_by("-created_at", "-id")
