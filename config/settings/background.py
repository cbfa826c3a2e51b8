"""Caches and background work: Redis when REDIS_URL is set (every cache key carries the
schema), Celery's broker (kombu's filesystem transport without Redis) and beat's
schedule, each entry run in every partner unless it names its schemas."""

import os

from celery.schedules import crontab

from config.settings.environment import CASEBRIDGE_PUBLIC_SCHEMA, DATA_DIR

# --- caches: every key carries the schema (Wagtail caches under global keys) --
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }

# --- Celery --------------------------------------------------------------------
# With no REDIS_URL, kombu's filesystem transport: no server needed, yet the
# worker and beat are still separate real processes sharing the queue folder.
CELERY_QUEUE_DIR = DATA_DIR / "celery-queue"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "processed_folder": str(DATA_DIR / "celery-processed"),
        # Worker control messages (pidbox); kombu would otherwise write ./control/.
        "control_folder": str(DATA_DIR / "celery-control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "tenants.scheduler.PartnerAwareScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Proves beat → broker → worker end to end; /healthz reports its age.
    "platform-heartbeat": {
        "task": "tenants.tasks.platform_heartbeat",
        "schedule": 30.0,
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Wagtail's scheduled publishing, in every active partner (no "tenant_schemas": all).
    "manual-publish-scheduled": {
        "task": "cms.tasks.manual_publish_scheduled",
        "schedule": 60.0,
    },
    # Referral deadlines: reminders to the receiver before the answer and the work are
    # due; when missed, flagged to both sides and escalated to the receiver's managers.
    "referral-deadlines": {
        "task": "referrals.tasks.referral_deadlines",
        "schedule": 300.0,
    },
    # Appointments with no status the day after: flagged (once) to the provider's adviser.
    "appointments-flag-missing": {
        "task": "customers.tasks.appointments_flag_missing",
        "schedule": crontab(minute=30),
    },
    # Other organisations' Open Referral feeds (settings.ORUK_FEEDS), each night.
    "directory-feeds-import": {
        "task": "referrals.tasks.directory_feeds_import",
        "schedule": crontab(hour=2, minute=15),
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Safeguarding reminders, overdue notices and escalations, every partner, each morning.
    "safeguarding-reminders": {
        "task": "casework.safeguarding.tasks.safeguarding_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # New likely duplicate contacts, every partner, each night: a task for the managers.
    "duplicates-find": {
        "task": "casework.duplicates.tasks.duplicates_find_nightly",
        "schedule": crontab(hour=1, minute=45),
    },
    # The same for customers (the partners who keep them; none elsewhere), each night.
    "customer-duplicates-find": {
        "task": "customers.tasks.customer_duplicates_find_nightly",
        "schedule": crontab(hour=1, minute=55),
    },
    # Overdue case plan actions and reviews become their owners' tasks, each morning.
    "plans-overdue": {
        "task": "casework.plans.tasks.plans_overdue",
        "schedule": crontab(hour=6, minute=30),
    },
    # Data-sharing agreements' end dates (issue 19): reminders 30 and 7 days before to
    # both sides; the day after, the agreement is ended and logged on both sides.
    "agreements-end-dates": {
        "task": "referrals.tasks.agreements_end_dates",
        "schedule": crontab(hour=6, minute=45),
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Retention (issue 19): what the rules make due, listed for each partner's data
    # protection officer to confirm, every Monday morning.
    "retention-due": {
        "task": "privacy.retention.tasks.retention_due",
        "schedule": crontab(day_of_week=1, hour=5, minute=0),
    },
}
