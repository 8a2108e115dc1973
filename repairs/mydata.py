"""The repairs section of a resident's 'download my data' (registered in RepairsConfig.ready()).

Only the requests the person reported, with the steps on them: their own notes in full, other people's steps
by role and without names or notes (a technician's note may carry the technician's phone), photo metadata
(the files are served by repairs.views.photo), and the quotes for the work. The contact fields are left out:
they hold an Open311 caller's name and phone, who need not be the account holder.
"""

from django.db.models import Prefetch

from .models import WorkOrder, WorkOrderEvent


def _place(order) -> str:
    if order.unit_id:
        return f"{order.unit.estate.name} {order.unit.address_code}"
    return f"{order.estate.name} {order.common_area.address_code}"


def _event(event, user) -> dict:
    mine = event.actor_id == user.pk
    return {
        "at": event.at,
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "by": "you" if mine else ("staff" if event.actor_id else "system"),
        "note": event.note if mine else "",
    }


def export_my_repairs(user) -> list[dict]:
    visible = WorkOrderEvent.objects.filter(visibility=WorkOrderEvent.Visibility.RESIDENT).order_by("at", "id")
    orders = (
        WorkOrder.objects.filter(reporter__user=user)
        .select_related("estate", "unit__estate", "unit__building", "common_area__building", "trade")
        .prefetch_related(Prefetch("events", queryset=visible), "photos", "quotes")
        .order_by("created_at", "id")
    )
    return [
        {
            "id": order.pk,
            "place": _place(order),
            "trade": order.trade.key,
            "priority": order.priority,
            "channel": order.channel,
            "status": order.status,
            "description": order.description,
            "location_detail": order.location_detail,
            "permission_to_enter": order.permission_to_enter,
            "preferred_windows": order.preferred_windows,
            "rating": order.rating,
            "created_at": order.created_at,
            "completed_at": order.completed_at,
            "confirmed_at": order.confirmed_at,
            "closed_at": order.closed_at,
            "events": [_event(event, user) for event in order.events.all()],
            "photos": [
                {
                    "id": photo.pk,
                    "kind": photo.kind,
                    "width": photo.width,
                    "height": photo.height,
                    "uploaded_by_you": photo.uploaded_by_id == user.pk,
                    "created_at": photo.created_at,
                }
                for photo in order.photos.all()
            ],
            "quotes": [
                {
                    "labour": quote.labour,
                    "materials": quote.materials,
                    "total": quote.total,
                    "note": quote.note,
                    "status": quote.status,
                    "sent_at": quote.sent_at,
                    "decided_at": quote.decided_at,
                    "paid_at": quote.paid_at,
                }
                for quote in order.quotes.all()
            ],
        }
        for order in orders
    ]
