"""Version 1 of every existing indicator's target: the published text, as it stands today."""
from django.db import migrations


def publish(apps, schema_editor):
    Indicator = apps.get_model("planning", "Indicator")
    IndicatorTarget = apps.get_model("planning", "IndicatorTarget")
    have = set(IndicatorTarget.objects.values_list("indicator_id", flat=True))
    rows = [IndicatorTarget(indicator_id=i.id, number=1, target_text=i.target_text, target=i.target,
                            target_kind=i.target_kind, source="published")
            for i in Indicator.objects.exclude(id__in=have).only("id", "target_text", "target", "target_kind")]
    IndicatorTarget.objects.bulk_create(rows, batch_size=1000)


def unpublish(apps, schema_editor):
    apps.get_model("planning", "IndicatorTarget").objects.filter(number=1, source="published").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("planning", "0002_indicator_target_versions"),
    ]

    operations = [
        migrations.RunPython(publish, unpublish),
    ]
