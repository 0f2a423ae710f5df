"""Read-only media endpoints: images, documents and videos anyone may see."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from media.api import selectors
from media.api.filters import DocumentFilterSet, ImageFilterSet, VideoFilterSet
from media.api.serializers import DocumentSerializer, ImageSerializer, VideoSerializer


def _documented(noun: str):
    return extend_schema_view(
        list=extend_schema(summary=f"{noun}列表", tags=["媒体"]),
        retrieve=extend_schema(summary=f"{noun}详情", tags=["媒体"]),
    )


class PublicMediaViewSet(viewsets.ReadOnlyModelViewSet):
    media = None  # a selector of the public items
    ordering_fields = ["created_at", "title"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation must not touch the database
            return self.serializer_class.Meta.model.objects.none()
        return type(self).media()


@_documented("图片")
class ImageViewSet(PublicMediaViewSet):
    media = selectors.public_images
    serializer_class = ImageSerializer
    filterset_class = ImageFilterSet


@_documented("文档")
class DocumentViewSet(PublicMediaViewSet):
    media = selectors.public_documents
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet


@_documented("视频")
class VideoViewSet(PublicMediaViewSet):
    media = selectors.public_videos
    serializer_class = VideoSerializer
    filterset_class = VideoFilterSet
