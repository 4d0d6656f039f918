"""Operations the areas' migrations share."""

from django.db import migrations


def uploads_as_history(app_label: str, *model_names: str) -> migrations.RunPython:
    """Give each stored file of ``model_names`` (``EvidenceFileBase`` rows whose history
    starts with this migration) its first history row: the upload, by its uploader, at its
    time, as a file uploaded from now on gets it (``EvidenceFileBase.save``)."""

    def forwards(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            fields = [f.attname for f in model._meta.concrete_fields]
            known = set(historical.objects.values_list("id", flat=True))
            rows = [
                historical(
                    **values,
                    history_date=values["uploaded_at"],
                    history_user_id=values["uploaded_by_id"],
                    history_type="+",
                )
                for values in model.objects.values(*fields).iterator()
                if values["id"] not in known
            ]
            historical.objects.bulk_create(rows, batch_size=1000)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
