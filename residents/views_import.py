"""The staff page for importing the registry from a CSV or XLSX file: check it (dry run) or import it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import LinliError

from .importer import COLUMNS, read_upload, registry_import
from .views_staff import capability_required


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy("One unit per row, with its owner if known. The first row names the columns."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file; change nothing (dry run)"), required=False, initial=True
    )


@capability_required("registry.import")
def registry_import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = registry_import(
                actor=request.user,
                file_name=upload.name,
                content=read_upload(upload),
                dry_run=form.cleaned_data["dry_run"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except LinliError as exc:
            form.add_error(None, exc.message)
        if report is not None and report.imported:
            messages.success(request, _("Imported %(rows)s rows.") % {"rows": report.rows})
            return redirect("staff-import")
    refused = report is not None and not report.ok and not report.dry_run
    status = 400 if form.errors or refused else 200
    context = {"form": form, "report": report, "columns": list(COLUMNS)}
    return render(request, "residents/staff/import.html", context, status=status)
