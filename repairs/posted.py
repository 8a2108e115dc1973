"""One way for HTML views to run a posted form's service call and tell the user how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from core.errors import LinliError


def run_and_report(request, form, run, success) -> None:
    """Run `run(cleaned_data)` if the form is valid; the outcome (`success(result)`) or every reason it was
    refused becomes a message."""
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return
    try:
        result = run(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except LinliError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success(result))
