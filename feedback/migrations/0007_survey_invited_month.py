import datetime

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    """Surveys sent before the column existed get the month of their invitation in the site's time zone."""
    survey = apps.get_model("feedback", "Survey")
    for pk, invited_at in survey.objects.values_list("pk", "invited_at").iterator():
        month = timezone.localtime(invited_at).date().replace(day=1)
        survey.objects.filter(pk=pk).update(invited_month=month)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_campaigns")]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="invited_month",
            field=models.DateField(default=datetime.date(2026, 1, 1), editable=False, verbose_name="month invited"),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="survey",
            index=models.Index(fields=["estate", "invited_month", "kind", "status"], name="survey_estate_month"),
        ),
    ]
