from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "平台"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_sync_roles)


def _sync_roles(app_config, using, **kwargs):
    from django.apps import apps

    # Permissions of every app exist only once post_migrate has reached the last app.
    if app_config is [config for config in apps.get_app_configs() if config.models_module][-1]:
        from cms.services import roles_sync

        roles_sync()
