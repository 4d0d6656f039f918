import apps.counselors.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('counselors', '0001_initial'),
        ('organizations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='counselor',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by'),
        ),
        migrations.AddField(
            model_name='counselor',
            name='updated_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by'),
        ),
        migrations.AlterField(
            model_name='counselor',
            name='id_number',
            field=models.CharField(max_length=18, unique=True, validators=[apps.counselors.validators.validate_id_number], verbose_name='ID number'),
        ),
        migrations.AlterField(
            model_name='counselor',
            name='phone',
            field=models.CharField(blank=True, max_length=20, validators=[apps.counselors.validators.validate_phone], verbose_name='phone'),
        ),
        migrations.AddIndex(
            model_name='counselor',
            index=models.Index(fields=['county', 'name', 'id'], name='counselor_keyset_order'),
        ),
    ]
