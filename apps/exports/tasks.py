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
    """``task_finished``: a failed run of ``run_export_job`` whose job still shows queued or
    running (its worker process died, so the job's own code recorded nothing) fails the
    job, so its owner sees 重试 instead of a job running forever."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != run_export_job.module_path or not task_result.args:
        return
    export_job_task_failed(job_id=task_result.args[0])
