"""Celery tasks of the feedback app: thin wrappers over services, safe to retry and to overlap."""

from celery import shared_task

from feedback.surveys.services import surveys_expire_due, surveys_remind_due


@shared_task
def remind_surveys() -> int:
    return surveys_remind_due()


@shared_task
def expire_surveys() -> int:
    return surveys_expire_due()
