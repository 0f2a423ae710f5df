"""Media as the API shows it: images only through renditions, documents through Wagtail's serve view."""

import logging

from wagtail.images.models import SourceImageIOError

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.api.absolute import absolute_url
from media.models import UnionDocument, UnionImage, Video
from media.renditions import WEBP_SPECS

logger = logging.getLogger(__name__)


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="WebP 格式的缩放图地址")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionSetSerializer(serializers.Serializer):
    thumbnail = RenditionSerializer(help_text="裁切为 320×240 的缩略图")
    medium = RenditionSerializer(help_text="最长边不超过 800 像素")
    large = RenditionSerializer(help_text="最长边不超过 1600 像素")


def image_renditions(image: UnionImage, *, request) -> dict | None:
    try:
        renditions = image.get_renditions(*WEBP_SPECS.values())
    except SourceImageIOError:
        logger.warning("Image %s has no readable source file", image.pk)
        return None
    return {
        name: {
            "url": absolute_url(renditions[spec].url, request=request),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for name, spec in WEBP_SPECS.items()
    }


class ImageSerializer(serializers.ModelSerializer):
    alt = serializers.SerializerMethodField(help_text="替代文字：图片说明，没有说明时为标题")
    renditions = serializers.SerializerMethodField()

    class Meta:
        model = UnionImage
        fields = ["id", "title", "alt", "caption", "credit", "width", "height", "renditions"]

    def get_alt(self, image: UnionImage) -> str:
        return image.caption or image.title

    @extend_schema_field(RenditionSetSerializer(allow_null=True))
    def get_renditions(self, image: UnionImage) -> dict | None:
        return image_renditions(image, request=self.context.get("request"))


class DocumentSerializer(serializers.ModelSerializer):
    file_extension = serializers.CharField(read_only=True, help_text="文件扩展名，如 pdf")
    download_url = serializers.SerializerMethodField(help_text="经由文档下载服务的绝对地址")

    class Meta:
        model = UnionDocument
        fields = ["id", "title", "description", "file_extension", "file_size", "download_url", "created_at"]

    def get_download_url(self, document: UnionDocument) -> str:
        return absolute_url(document.url, request=self.context.get("request"))


class VideoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="视频文件的绝对地址")
    poster = ImageSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Video
        fields = [
            "id",
            "title",
            "description",
            "url",
            "mime_type",
            "file_size",
            "duration_seconds",
            "poster",
            "created_at",
        ]

    def get_url(self, video: Video) -> str:
        return absolute_url(video.file.url, request=self.context.get("request"))
