"""Streaming a stored committee file to someone a view has already checked may see it."""

from django.http import FileResponse

from . import files


def file_response(stored) -> FileResponse:
    """Pictures open in the browser; PDFs and sheets download. Never cached, never sniffed, sandboxed."""
    inline = stored.kind == "jpeg"
    response = FileResponse(stored.file.open("rb"), content_type=files.CONTENT_TYPES[stored.kind],
                            as_attachment=not inline, filename=stored.name)  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
