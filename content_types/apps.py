from django.apps import AppConfig


class ContentTypesConfig(AppConfig):
    name = "content_types"
    verbose_name = "内容"
    default_auto_field = "django.db.models.BigAutoField"
