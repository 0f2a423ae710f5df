"""Tests: fast hashing, local files in a temp dir, e-mail kept in memory."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="union-test-media-"))
# Each process that loads these settings (a pytest worker, a manage.py command) gets its own; gone when it ends.
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# `manage.py check` and `makemigrations --check` open the default SQLite file under var/.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "durable": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "search"]},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}  # noqa: F405
# Rendition lookups are cached by image id, and ids are reused after each test's rollback.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
