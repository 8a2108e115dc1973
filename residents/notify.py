"""Turn a domain event into outbox messages on the channels the person chose, in their language."""

from django.utils import translation

from core.models import Channel
from core.outbox import Envelope, outbox_enqueue


def _address(user, channel):
    if channel == Channel.EMAIL:
        return user.email
    if channel in (Channel.SMS, Channel.WECHAT):
        return user.phone
    return ""


def notify_user(*, user, event_key: str, subject, body="", link: str = "", params: dict | None = None):
    """Queue a message for each of the user's channels that has an address; in-app always.

    `subject` and `body` may be lazy translations: they are rendered in the recipient's language, then
    `params` (whose values may be lazy too) are filled into the subject.
    """
    person = getattr(user, "person", None)
    channels = list(dict.fromkeys([Channel.IN_APP, *(person.channels if person else [])]))
    language = person.language if person else None
    with translation.override(language):
        subject, body = str(subject), str(body)
        if params:
            subject = subject % {key: str(value) for key, value in params.items()}
    envelopes = []
    for channel in channels:
        address = _address(user, channel)
        if channel != Channel.IN_APP and not address:
            continue
        envelopes.append(
            Envelope(
                event_key=event_key,
                channel=channel,
                recipient_id=user.pk,
                address=address,
                subject=subject,
                body=body,
                link=link,
            )
        )
    return outbox_enqueue(envelopes=envelopes)
