from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem


class ExportsConfig(registry.AreaConfig):
    name = "apps.exports"
    verbose_name = _("Spreadsheet exports")
    url_prefix = "exports/"
    nav = (
        # Shown to whoever may export (the job list's rule): long exports wait there.
        NavItem("exports:job-list", _("My exports"), 200),
    )
    # A running export whose worker stopped is marked failed even when no one opens the list.
    housekeeping = ("services.export_job_fail_stale",)
    # Jobs and their waiting rows change no figure (apps/core/freshness.py).
    untracked_models = ("exportjob", "importjob", "pendingimport")

    def ready(self):
        # Each area declares its exports in apps/<app>/exports.py; importing registers them,
        # once per kind (the registry refuses a second definition of a kind).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exports")
        # A job whose task failed outside the job's own code (its worker died) fails too.
        from django.tasks.signals import task_finished

        from apps.exports.tasks import settle_failed_task

        task_finished.connect(settle_failed_task, dispatch_uid="exports.settle_failed_task")
        # Under TASK_BACKEND=rq the rq worker sends the django-tasks backport's signal: a job
        # whose work horse died is failed by rq's clean-up through that one.
        from django_tasks.signals import task_finished as rq_task_finished

        rq_task_finished.connect(settle_failed_task, dispatch_uid="exports.settle_failed_rq_task")
