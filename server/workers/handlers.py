"""The job kinds this build runs, mapped to their handlers.

A job of a kind this build does not know fails with a clear error rather than being
silently dropped. (Timers, escalation and SLA, are sweeps in workers/timers.py, not jobs.)
"""

from __future__ import annotations

import uuid

from server.services.outbound_mail import OutboundMail
from server.services.outbound_text import OutboundText
from server.store.jobs import Job
from server.workers.runner import JobHandler


def job_handlers(outbound_mail: OutboundMail, outbound_text: OutboundText) -> dict[str, JobHandler]:
    """Every handler, bound to the services it needs."""

    async def deliver_email(job: Job) -> None:
        try:
            await outbound_mail.deliver(job.tenant_id, _message(job))
        except Exception as exc:
            if job.attempt >= job.max_attempts:
                await outbound_mail.gave_up(job.tenant_id, _message(job), str(exc))
            raise

    async def deliver_text(job: Job) -> None:
        try:
            await outbound_text.deliver(job.tenant_id, _message(job))
        except Exception as exc:
            if job.attempt >= job.max_attempts:
                await outbound_text.gave_up(job.tenant_id, _message(job), str(exc))
            raise

    return {
        "email.deliver": deliver_email,
        "sms.deliver": deliver_text,
        "whatsapp.deliver": deliver_text,
    }


def _message(job: Job) -> uuid.UUID:
    return uuid.UUID(str(job.payload["message_id"]))
