import wagtail_factories

import factory
from factory.django import DjangoModelFactory

from media.models import UnionDocument, UnionImage, Video


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"图片{n}")
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = UnionImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"文档{n}")
    file = factory.django.FileField(filename="document.txt", data="工会文档正文".encode())
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = UnionDocument


class VideoFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"视频{n}")
    file = factory.django.FileField(filename="clip.mp4", data=b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    mime_type = "video/mp4"
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = Video
