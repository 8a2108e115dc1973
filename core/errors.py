"""The one error vocabulary. Services raise these (or Django's ValidationError); one API handler renders them."""


class LinliError(Exception):
    """Base of domain errors; `message` is already translated for the user."""

    status_code = 400
    code = "error"

    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotPermitted(LinliError):
    """The actor may not do this to an object they can see."""

    status_code = 403
    code = "not_permitted"


class InvalidTransition(LinliError):
    """The action is not allowed from the object's current state."""

    status_code = 409
    code = "invalid_transition"


class Conflict(LinliError):
    """A concurrent change won; the caller acted on stale data."""

    status_code = 409
    code = "conflict"
