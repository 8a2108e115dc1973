"""One way for HTML views to run a service call from a posted button or form and tell the user how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from .errors import LinliError


def report_outcome(request, run, success) -> bool:
    """Run `run()`; every reason it was refused, or `success` (a message, or a callable given the result),
    becomes a message. True when it ran."""
    try:
        result = run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except LinliError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success(result) if callable(success) else success)
        return True
    return False


def run_and_report(request, form, run, success) -> None:
    """Run `run(cleaned_data)` if the form is valid (else its errors become a message), through report_outcome."""
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return
    report_outcome(request, lambda: run(form.cleaned_data), success)


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError next to the fields it names; errors of no field of this form above it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def run_in_form(form, run):
    """Run `run()` for a valid form; a refusal becomes the form's errors (a LinliError above the fields).
    Returns what `run` returned, or None when it was refused."""
    try:
        return run()
    except ValidationError as exc:
        add_service_errors(form, exc)
    except LinliError as exc:
        form.add_error(None, exc.message)
    return None
