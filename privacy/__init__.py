"""Data protection as a feature (issue 19): retention and erasure with holds, subject
access exports. Above customers, so it may read every kind of client record directly;
each part is a Django app of its own (privacy.retention, privacy.subject_access).
Who looked at a record lives lower, in casework.access, so every app can log its reads."""
