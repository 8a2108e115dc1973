"""SMS backends. Production plugs a provider's backend in through the SMS_BACKEND setting."""

import logging

from ..phones import mask_phone

log = logging.getLogger("linli.sms")


class BaseSmsBackend:
    def send(self, *, phone: str, text: str, key: str = "") -> None:
        """Send one text. `key` is stable across redeliveries of the same outbox message: a provider backend
        passes it as the provider's idempotency field (e.g. Aliyun's OutId) so a retry after a crash that
        followed the provider's acceptance is dropped there."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Writes the message to the log with the number masked (logs must not hold full phone numbers)."""

    def send(self, *, phone, text, key=""):
        log.info("SMS %s to %s: %s", key, mask_phone(phone), text)


class MemorySmsBackend(BaseSmsBackend):
    """Keeps sent messages in a list, for tests."""

    outbox: list = []

    def send(self, *, phone, text, key=""):
        MemorySmsBackend.outbox.append((phone, text))
