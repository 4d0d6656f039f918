"""Background tasks of the exports app (Django's Tasks framework; see docs/adr/0006)."""

from django.tasks import TaskResultStatus, task

from apps.exports.services import export_job_execute, export_job_task_failed


@task()
def run_export_job(job_id: str) -> dict:
    """Build the file of one queued export job; the job records progress and outcome."""
    job = export_job_execute(job_id=job_id)
    if job is None:
        return {"job": job_id, "status": "missing", "rows": 0}
    return {"job": str(job.pk), "status": job.status, "rows": job.rows_done}


def settle_failed_task(sender, task_result, **kwargs) -> None:
    """``task_finished``: a failed run of ``run_export_job`` (or ``run_import_job``) whose
    job still shows queued or running (its worker process died, so the job's own code
    recorded nothing) fails the job, so its owner sees it failed instead of running forever."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if not task_result.args:
        return
    if task_result.task.module_path == run_export_job.module_path:
        export_job_task_failed(job_id=task_result.args[0])
    elif task_result.task.module_path == run_import_job.module_path:
        from apps.exports.imports.jobs import import_job_task_failed

        import_job_task_failed(job_id=task_result.args[0])


@task()
def run_import_job(job_id: str) -> dict:
    """Check (preview) or write one queued import job; the job records progress and outcome."""
    from apps.exports.imports.jobs import import_job_execute

    job = import_job_execute(job_id=job_id)
    if job is None:
        return {"job": job_id, "status": "missing", "rows": 0}
    return {"job": str(job.pk), "phase": job.phase, "status": job.status, "rows": job.rows_done}
