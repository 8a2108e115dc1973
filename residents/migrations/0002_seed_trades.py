from django.db import migrations

TRADES = [
    ("plumbing", "水暖", "Plumbing"),
    ("electrical", "电工", "Electrical"),
    ("lift", "电梯", "Lift"),
    ("hvac", "暖通空调", "HVAC"),
    ("carpentry", "木工", "Carpentry"),
    ("masonry", "泥瓦", "Masonry"),
    ("cleaning", "保洁", "Cleaning"),
    ("security", "安保", "Security"),
    ("greenery", "绿化", "Greenery"),
    ("fire", "消防", "Fire safety"),
    ("general", "综合维修", "General maintenance"),
]


def seed(apps, schema_editor):
    Trade = apps.get_model("residents", "Trade")
    for key, zh, en in TRADES:
        Trade.objects.update_or_create(key=key, defaults={"name_zh": zh, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
