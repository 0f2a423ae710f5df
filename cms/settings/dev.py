"""Local development: DEBUG on and a throw-away secret."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402, F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-secret-key"  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# The SQLite file and uploaded media live under var/, which a fresh checkout does not have yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
