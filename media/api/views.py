"""Read-only media endpoints: images, documents and videos anyone may see."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from media.api import selectors
from media.api.filters import DocumentFilterSet, ImageFilterSet, VideoFilterSet
from media.api.serializers import DocumentSerializer, ImageSerializer, VideoSerializer


@extend_schema_view(
    list=extend_schema(summary="图片列表", tags=["媒体"]),
    retrieve=extend_schema(summary="图片详情", tags=["媒体"]),
)
class ImageViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ImageSerializer
    filterset_class = ImageFilterSet
    ordering_fields = ["created_at", "title"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.public_images()


@extend_schema_view(
    list=extend_schema(summary="文档列表", tags=["媒体"]),
    retrieve=extend_schema(summary="文档详情", tags=["媒体"]),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    ordering_fields = ["created_at", "title"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.public_documents()


@extend_schema_view(
    list=extend_schema(summary="视频列表", tags=["媒体"]),
    retrieve=extend_schema(summary="视频详情", tags=["媒体"]),
)
class VideoViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VideoSerializer
    filterset_class = VideoFilterSet
    ordering_fields = ["created_at", "title"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.public_videos()
