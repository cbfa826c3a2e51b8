"""Password hashing: Argon2id with OWASP's parameters.

OWASP's Password Storage Cheat Sheet: Argon2id, 19 MiB of memory, 2 iterations, one
lane. Harder to crack on GPUs than PBKDF2 and, on this CPU, ~25 ms against PBKDF2's
~470 ms at Django's iteration count. Hashes made with other parameters or by an older
hasher are rehashed at the next successful sign-in (Django's `must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idOwaspHasher(Argon2PasswordHasher):
    # Same algorithm name as Django's: stored hashes stay readable by either class, and
    # `must_update` compares the parameters encoded in each hash with these.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
