"""The /api/v1/ router: each app contributes its own urls module."""

from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from cms.api.auth import ObtainTokenView
from cms.api.views import MeView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    path("", include("content_types.api.urls")),
    path("", include("media.api.urls")),
    path("", include("search.api.urls")),
    path("", include("workflows.api.urls")),
]
