"""Search API input and output (DESIGN.md's contract)."""

from rest_framework import serializers

from content_types.search import SEARCH_TYPES
from search.selectors import MAX_PAGE_SIZE


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, default="", label="检索词")
    type = serializers.ChoiceField(choices=list(SEARCH_TYPES.items()), required=False, allow_blank=True, label="类型")
    organization = serializers.CharField(required=False, allow_blank=True, max_length=100, label="组织（编号或名称）")
    tag = serializers.CharField(required=False, allow_blank=True, max_length=64, label="标签（标识或名称）")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100, label="年份")
    page = serializers.IntegerField(required=False, min_value=1, default=1, label="页码")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20, label="每页条数"
    )


class SuggestParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=64, default="", label="已输入的文字")


class SearchResultSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="纯文本标题")
    type = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    highlight = serializers.CharField(help_text="摘录，命中的词用 <em> 标出（已转义）")
    published_at = serializers.DateField(allow_null=True)
    organization = serializers.CharField(source="organisation")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.JSONField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    type = FacetValueSerializer(many=True)
    organization = FacetValueSerializer(many=True)
    tag = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True, source="hits")
    facets = FacetsSerializer()

    def to_representation(self, instance):
        """What the declared fields (which document the schema) produce, built directly: DRF's calls per field
        and value took longer than a search for a page of results and its facets."""
        return {
            "count": int(instance.count),
            "results": [
                {
                    "title": str(hit.title),
                    "type": str(hit.type),
                    "url": str(hit.url),
                    "summary": str(hit.summary),
                    "highlight": str(hit.highlight),
                    "published_at": None if hit.published_at is None else hit.published_at.isoformat(),
                    "organization": str(hit.organisation),
                }
                for hit in instance.hits
            ],
            "facets": {
                name: [
                    {"value": value.value, "label": str(value.label), "count": int(value.count)}
                    for value in instance.facets[name]
                ]
                for name in FacetsSerializer._declared_fields
            },
        }


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=[("query", "热门检索"), ("result", "内容标题")])
    type = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class SuggestResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)
