#!/bin/sh
# web: migrate every schema, optionally seed the demo, then serve with gunicorn.
# worker / beat: the Celery processes (they wait for web to be healthy in compose).
set -e
case "${1:-web}" in
  web)
    # With the owner's URL: the application role and its grants first (tools/db_roles.py),
    # then migrations as the owner; gunicorn logs in as DATABASE_URL's role.
    if [ -n "${DATABASE_OWNER_URL:-}" ]; then
      python -m tools.db_roles setup "$DATABASE_OWNER_URL" >/dev/null
      DATABASE_URL="$DATABASE_OWNER_URL" python manage.py platform_migrate
      if [ "${CASEBRIDGE_SEED_DEMO:-0}" = "1" ]; then
        DATABASE_URL="$DATABASE_OWNER_URL" python manage.py seed_demo --allow-without-debug
      fi
    else
      python manage.py platform_migrate
      if [ "${CASEBRIDGE_SEED_DEMO:-0}" = "1" ]; then
        python manage.py seed_demo --allow-without-debug
      fi
    fi
    # The access log names the path, never the query string or the referring page:
    # searches and links can carry people's names, dates of birth and phone numbers.
    ACCESS_LOG_FORMAT='%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
    exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 \
      --workers "${WEB_WORKERS:-3}" --access-logfile - --forwarded-allow-ips '*' \
      --access-logformat "$ACCESS_LOG_FORMAT"
    ;;
  worker)
    exec celery -A config worker --loglevel info --concurrency "${WORKER_CONCURRENCY:-2}"
    ;;
  beat)
    exec celery -A config beat --loglevel info \
      --schedule /var/lib/casebridge/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
