"""Background tasks of the exports app (Django's Tasks framework; see docs/adr/0006)."""

from django.tasks import task

from apps.exports.services import export_job_execute


@task()
def run_export_job(job_id: str) -> dict:
    """Build the file of one queued export job; the job records progress and outcome."""
    job = export_job_execute(job_id=job_id)
    if job is None:
        return {"job": job_id, "status": "missing", "rows": 0}
    return {"job": str(job.pk), "status": job.status, "rows": job.rows_done}
