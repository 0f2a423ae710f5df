from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = "媒体"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from media import signal_handlers

        signal_handlers.register()
