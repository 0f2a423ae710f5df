import os

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signal_handlers

        signal_handlers.connect()
        if os.environ.get("RUN_MAIN") == "true":
            # runserver's serving process (`make run`); production servers warm up in cms/wsgi.py.
            from search.warmup import warm_in_background

            warm_in_background()
