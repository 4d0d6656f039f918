"""Schools recorded before brigades and squads were rows get as many rows as their counts
said, so the counts (now a cache of the rows) stay true. Names are the defaults the import
gives (少先队大队, 第1中队...); they can be renamed on the school's page."""

from django.db import migrations


def brigade_name(number):
    return "少先队大队" if number == 1 else f"少先队第{number}大队"


def create_rows(apps, schema_editor):
    school_model = apps.get_model("organizations", "School")
    brigade_model = apps.get_model("organizations", "Brigade")
    squad_model = apps.get_model("organizations", "Squad")
    schools = school_model.objects.filter(brigades__isnull=True).order_by("pk")
    for school in schools.iterator(chunk_size=1000):
        count = school.brigade_count or (1 if school.squad_count else 0)
        brigades = brigade_model.objects.bulk_create(
            brigade_model(school=school, name=brigade_name(n)) for n in range(1, count + 1)
        )
        squad_model.objects.bulk_create(
            squad_model(brigade=brigades[index % count], name=f"第{index // count + 1}中队")
            for index in range(school.squad_count)
        )
        if count != school.brigade_count:
            school_model.objects.filter(pk=school.pk).update(brigade_count=count)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_audited_rows_brigades_and_squads"),
    ]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
