"""Accounts and sign-in security: users, password hashing, sessions and their timeouts,
lock-outs, one-time passwords, and the security headers every answer carries."""

import os
from datetime import timedelta

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out attempts
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Argon2id first (tenants/accounts/hashers.py); the others still read older hashes, which
# are upgraded to Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "tenants.accounts.hashers.Argon2idOwaspHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Guardian's anonymous user would be created in whichever schema migrates; we have no use for it.
ANONYMOUS_USER_NAME = None
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: per schema (sessions app in both lists) and per host (no cookie domain),
# so a session from one partner's domain means nothing on another's.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: each request pushes the expiry on
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Absolute timeout: signed out this long after signing in, however active
# (tenants.middleware.SessionLifetimeMiddleware).
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))

# Lock-out (django-axes): per username and address, counted in the schema of the
# domain tried (axes is in both app lists), so each partner's lock-outs are its own.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tenants.accounts.views.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "tenants.accounts.signin.client_ip"
# Masked in the attempt records axes keeps (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_VERBOSE = False  # no start-up banner in every management command
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# One-time passwords (django-otp): six digits every 30 seconds; keys hidden in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = "Casebridge"

# --- security defaults ------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
