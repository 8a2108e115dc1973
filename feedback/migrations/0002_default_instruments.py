from django.db import migrations
from django.utils import timezone


def install(apps, schema_editor):
    from feedback.instruments.bank import install_defaults

    install_defaults(apps.get_model("feedback", "Instrument"), apps.get_model("feedback", "Item"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_instruments_and_surveys")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
