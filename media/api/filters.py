from wagtail.models import Collection

import django_filters

from media.models import UnionDocument, UnionImage, Video


class CollectionFilterSet(django_filters.FilterSet):
    collection = django_filters.ModelChoiceFilter(
        queryset=Collection.objects.all(),
        method="filter_collection",
        label="媒体库（含其下级媒体库）",
    )

    def filter_collection(self, queryset, name, collection: Collection):
        return queryset.filter(collection__path__startswith=collection.path)


class ImageFilterSet(CollectionFilterSet):
    class Meta:
        model = UnionImage
        fields = ["collection"]


class DocumentFilterSet(CollectionFilterSet):
    extension = django_filters.CharFilter(method="filter_extension", label="文件扩展名，如 pdf")

    class Meta:
        model = UnionDocument
        fields = ["collection", "extension"]

    def filter_extension(self, queryset, name, value: str):
        return queryset.filter(file__iendswith=f".{value.lstrip('.')}")


class VideoFilterSet(CollectionFilterSet):
    class Meta:
        model = Video
        fields = ["collection"]
