from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle

from cms.api.errors import ErrorSerializer


class ObtainTokenView(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token"}`; errors in the API's one format."""

    # Password guessing is slowed down like any anonymous traffic.
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        summary="用用户名和密码换取令牌",
        description="之后在请求头中发送 `Authorization: Token <token>`。",
        tags=["账户"],
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("Token", fields={"token": serializers.CharField()}),
            400: ErrorSerializer,
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
