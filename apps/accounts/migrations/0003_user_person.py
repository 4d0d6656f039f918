"""Users get a full name (one string, as Chinese names are) and the body and department
they work for, so the portal shows people as 姓名（单位）. The old first name held the
full name already; it is renamed and the unused last name is dropped."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
    ]

    operations = [
        migrations.RenameField(model_name="user", old_name="first_name", new_name="full_name"),
        migrations.AlterField(
            model_name="user",
            name="full_name",
            field=models.CharField(max_length=50, verbose_name="full name"),
        ),
        migrations.RemoveField(model_name="user", name="last_name"),
        migrations.AddField(
            model_name="user",
            name="work_unit",
            field=models.CharField(
                blank=True,
                help_text="e.g. 昆明市教育体育局",
                max_length=100,
                verbose_name="work unit",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="department",
            field=models.CharField(
                blank=True,
                help_text="e.g. 少年部, 基础教育处",
                max_length=100,
                verbose_name="department",
            ),
        ),
    ]
