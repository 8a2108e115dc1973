"""SMS backends. Production plugs a provider's backend in through the SMS_BACKEND setting."""

import logging

from ..phones import mask_phone

log = logging.getLogger("linli.sms")


class BaseSmsBackend:
    def send(self, *, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Writes the message to the log with the number masked (logs must not hold full phone numbers)."""

    def send(self, *, phone, text):
        log.info("SMS to %s: %s", mask_phone(phone), text)


class MemorySmsBackend(BaseSmsBackend):
    """Keeps sent messages in a list, for tests."""

    outbox: list = []

    def send(self, *, phone, text):
        MemorySmsBackend.outbox.append((phone, text))
