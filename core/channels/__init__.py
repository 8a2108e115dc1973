"""Delivery channels. Each sender takes an OutboxMessage; the in-app sender is idempotent by a unique key."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from ..models import Channel, Notification


def _in_app(msg):
    Notification.objects.get_or_create(
        event_key=msg.event_key,
        recipient_id=msg.recipient_id,
        defaults={"subject": msg.subject, "body": msg.body, "link": msg.link},
    )


def _email(msg):
    email = EmailMessage(subject=msg.subject, body=msg.body, to=[msg.address])
    # A stable Message-ID lets mail servers drop a duplicate if a worker dies after SMTP accepted it.
    email.extra_headers["Message-ID"] = f"<outbox-{msg.pk}@linli>"
    email.send()


def _sms(msg):
    text = f"{msg.subject} {msg.body}".strip()
    import_string(settings.LINLI_SMS_BACKEND)().send(phone=msg.address, text=text, key=f"outbox-{msg.pk}")


def _wechat(msg):
    # Placeholder channel: residents may choose it; delivery goes through the console until an
    # official-account integration exists.
    import_string("core.channels.sms.ConsoleSmsBackend")().send(phone=msg.address, text=msg.subject,
                                                               key=f"outbox-{msg.pk}")  # fmt: skip


SENDERS = {Channel.IN_APP: _in_app, Channel.EMAIL: _email, Channel.SMS: _sms, Channel.WECHAT: _wechat}


def deliver(msg):
    SENDERS[msg.channel](msg)
