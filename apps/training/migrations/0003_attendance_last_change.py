from django.db import migrations


class Migration(migrations.Migration):
    """The last change of an attendance recorded so far is its recording."""

    dependencies = [
        ('training', '0002_audited_history'),
    ]

    operations = [
        migrations.RunSQL(
            "UPDATE training_attendance SET updated_at = created_at, updated_by_id = created_by_id",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
