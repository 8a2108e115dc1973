"""The feedback section of a resident's 'download my data' (registered in FeedbackConfig.ready()).

The surveys sent to them with their answers and drafts, and the complaints and suggestions they filed with
their own steps. Handlers' steps are shown by the role acted in, never by name (ComplaintEvent.by), and
technicians rated in a response are not named.
"""

from django.db.models import Prefetch

from .models import Complaint, ComplaintEvent, ItemAnswer, Survey


def _survey(survey) -> dict:
    draft = getattr(survey, "draft", None)
    response = getattr(survey, "response", None)
    data = {
        "id": survey.pk,
        "kind": survey.kind,
        "status": survey.status,
        "invited_at": survey.invited_at,
        "expires_at": survey.expires_at,
        "answered_at": survey.answered_at,
        "draft": draft.data if draft else None,
        "response": None,
    }
    if response is not None:
        data["response"] = {
            "submitted_at": response.submitted_at,
            "csat": response.csat,
            "nps": response.nps,
            "comment": response.comment,
            "answers": [
                {
                    "item": answer.item.text_zh,
                    "dimension": answer.dimension,
                    "perceived": answer.perceived,
                    "expected": answer.expected,
                    "minimum": answer.minimum,
                    "desired": answer.desired,
                }
                for answer in response.answers.all()
            ],
            "importance_weights": {weight.dimension: weight.points for weight in response.weights.all()},
        }
    return data


def _complaint(complaint, user) -> dict:
    return {
        "id": complaint.pk,
        "kind": complaint.kind,
        "addressee": complaint.addressee,
        "anonymous_to_staff": complaint.anonymous_to_staff,
        "title": complaint.title,
        "body": complaint.body,
        "status": complaint.status,
        "received_at": complaint.received_at,
        "answered_at": complaint.answered_at,
        "closed_at": complaint.closed_at,
        "events": [
            {
                "at": event.at,
                "action": event.action,
                "by": "you" if event.actor_id == user.pk else event.by,
                "note": event.note if event.actor_id == user.pk else "",
            }
            for event in complaint.events.all()
        ],
    }


def export_my_feedback(user) -> dict:
    answers = ItemAnswer.objects.select_related("item").order_by("item__position", "id")
    surveys = (
        Survey.objects.filter(recipient=user)
        .select_related("draft", "response")
        .prefetch_related(Prefetch("response__answers", queryset=answers), "response__weights")
        .order_by("invited_at", "id")
    )
    public = ComplaintEvent.objects.filter(visibility=ComplaintEvent.Visibility.PUBLIC).order_by("at", "id")
    complaints = (
        Complaint.objects.filter(submitter__user=user)
        .prefetch_related(Prefetch("events", queryset=public))
        .order_by("created_at", "id")
    )
    return {
        "surveys": [_survey(survey) for survey in surveys],
        "complaints": [_complaint(complaint, user) for complaint in complaints],
    }
