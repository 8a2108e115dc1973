"""Legal holds, and the audit log's trigger taught one exception: the nightly retention purge may delete rows
older than six months (China's Cybersecurity Law Art. 21(3) floor for security logs). The purge says who it is
with a transaction-local setting (residents.mydata.purge); every other UPDATE or DELETE is still refused, and so
is any delete of a row younger than the floor. The retention period itself (a year) is in
residents/mydata/retention.py. Production runs the application as a role that does not own the table, so it
cannot drop the trigger."""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


TRIGGER = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('linli.retention_purge', true) = 'on'
            AND OLD.at < now() - interval '%s days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""
FLOOR_DAYS = 180  # residents.mydata.retention.SECURITY_LOG_FLOOR, frozen here as migrations must be
STRICT = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER % FLOOR_DAYS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STRICT)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_audit_actor_without_constraint'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LegalHold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_type', models.CharField(max_length=64, verbose_name='object type')),
                ('object_id', models.CharField(max_length=64, verbose_name='object id')),
                ('reason', models.CharField(max_length=500, verbose_name='reason')),
                ('placed_at', models.DateTimeField(auto_now_add=True, verbose_name='placed at')),
                ('released_at', models.DateTimeField(blank=True, null=True, verbose_name='released at')),
                ('placed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='placed by')),
            ],
            options={
                'verbose_name': 'legal hold',
                'verbose_name_plural': 'legal holds',
                'ordering': ['-placed_at', '-id'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='legal_hold_object')],
                'constraints': [models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='legal_hold_has_reason')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
