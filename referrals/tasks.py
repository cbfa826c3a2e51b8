from celery import shared_task

MAX_ATTEMPTS = 5


@shared_task(name="referrals.tasks.referrals_flag_late")
def referrals_flag_late() -> int:
    """Sent by beat to every partner: flags its sent referrals past the response time."""
    from referrals.services.exchange import referrals_flag_late as flag

    return flag()


@shared_task(name="referrals.tasks.directory_feeds_import")
def directory_feeds_import() -> list[str]:
    """Sent by beat to the platform (public schema) each night: imports the Open Referral
    feeds named in settings.ORUK_FEEDS as external services."""
    from referrals.services.directory_import import directory_feeds_import_scheduled

    return directory_feeds_import_scheduled()


@shared_task(name="referrals.tasks.referral_deadlines")
def referral_deadlines() -> int:
    """Sent by beat to every partner: over the referrals it sent, the answers now late
    (flagged, escalated), reminders before each deadline and late work escalated."""
    from referrals.services.exchange import referrals_flag_late as flag
    from referrals.services.exchange.deadlines import referrals_check_deadlines

    return flag() + referrals_check_deadlines()


@shared_task(bind=True, name="referrals.tasks.webhook_deliver", max_retries=MAX_ATTEMPTS - 1)
def webhook_deliver(self, delivery_id: int) -> bool:
    """One webhook delivery; retried with exponential back-off (10 s, 20 s, 40 s …)."""
    from referrals.services.webhooks import delivery_attempt, delivery_give_up

    if delivery_attempt(delivery_id):
        return True
    if self.request.retries + 1 >= MAX_ATTEMPTS:
        delivery_give_up(delivery_id)
        return False
    raise self.retry(countdown=10 * 2**self.request.retries)


@shared_task(name="referrals.tasks.agreements_end_dates")
def agreements_end_dates() -> dict[str, int]:
    """Sent by beat to the platform (public schema) each morning: reminders before
    data-sharing agreements' end dates, and those past theirs ended on both sides."""
    from referrals.agreements.reminders import agreements_check_end_dates

    return agreements_check_end_dates()
