"""Search's own data: the editors' dictionary and pins, the document store, the embedded index, the outbox, the log."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.search import index


class SearchTerm(index.Indexed, models.Model):
    """A union word jieba keeps whole (金秋助学, 送温暖); documents containing it are re-analysed when it changes."""

    word = models.CharField("词语", max_length=32, unique=True)
    note = models.CharField("说明", max_length=255, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("word"), FieldPanel("note")]
    search_fields = [index.SearchField("word"), index.SearchField("note"), index.AutocompleteField("word")]

    class Meta:
        verbose_name = "检索词汇"
        verbose_name_plural = "检索词汇"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def clean(self):
        self.word = self.word.strip()
        if not self.word or any(ch.isspace() for ch in self.word):
            raise ValidationError({"word": "词语不能为空，也不能包含空格。"})


def split_terms(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,，、;；\n\r]+", text) if t.strip()]


class SynonymGroup(index.Indexed, models.Model):
    """Words workers use for the same thing (大病救助、医疗救助、住院补助): a query with one also finds the others.

    Broader words go one way: a query for 闺女 also finds 子女, a query for 子女 does not find 闺女.
    """

    terms = models.TextField("同义词", help_text="用逗号、顿号或换行分隔，例如：大病救助，医疗救助，住院补助")
    broader = models.CharField(
        "上位词",
        max_length=255,
        blank=True,
        help_text="文件里更宽泛的说法，例如“闺女，女儿”的上位词是“子女”。检索组内的词也会找到含上位词的内容（排得靠后一些），"
        "检索上位词不会找到组内的词。",
    )
    note = models.CharField("说明", max_length=255, blank=True)
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("broader"), FieldPanel("note"), FieldPanel("enabled")]
    search_fields = [index.SearchField("terms"), index.SearchField("broader"), index.SearchField("note")]

    class Meta:
        verbose_name = "同义词组"
        verbose_name_plural = "同义词组"
        ordering = ["pk"]

    def __str__(self) -> str:
        text = " ~ ".join(self.term_list())
        return f"{text} → {'、'.join(self.broader_list())}" if self.broader_list() else text

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def broader_list(self) -> list[str]:
        return split_terms(self.broader)

    def clean(self):
        terms, broader = self.term_list(), self.broader_list()
        if len(terms) < 2 and not broader:
            raise ValidationError({"terms": "同义词组至少需要两个词；只有一个词时，请填写它的上位词。"})
        if not terms:
            raise ValidationError({"terms": "请填写至少一个词。"})
        if set(terms) & set(broader):
            raise ValidationError({"broader": "上位词不能同时是组内的词。"})


class PromotedResult(models.Model):
    """An editor's pick shown first for a query, whatever the ranking says."""

    query = models.CharField("检索词", max_length=64, help_text="职工输入这个词（忽略大小写和全角半角）时置顶显示")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    faq = models.ForeignKey(
        "content_types.FAQ", verbose_name="常见问题", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    note = models.CharField("说明", max_length=255, blank=True)

    panels = [
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("faq"),
        FieldPanel("sort_order"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "置顶结果"
        verbose_name_plural = "置顶结果"
        ordering = ["query", "sort_order", "pk"]

    def __str__(self) -> str:
        target = self.page or self.faq
        return f"{self.query} → {target}"

    def clean(self):
        if bool(self.page_id) == bool(self.faq_id):
            raise ValidationError({"page": "请选择一个页面或一个常见问题（二选一）。"})


class SearchCounter(models.Model):
    """Monotonic counters: the dictionary version and the entry change sequence that process caches follow."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "检索计数器"
        verbose_name_plural = "检索计数器"

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchEntry(models.Model):
    """One searchable item, analysed: what results show, what filters read, the tokens both engines index.

    A deleted or hidden item stays as a tombstone (``live=False``) so caches can follow the change sequence.
    """

    key = models.CharField(max_length=40, unique=True)
    type = models.CharField(max_length=16)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    published_at = models.DateField(null=True, blank=True)
    organisations = models.JSONField(default=list, help_text="organisation page ids from the root down")
    tags = models.JSONField(default=list, help_text="[[slug, name], ...]")
    validity = models.CharField(max_length=16, blank=True)
    validity_label = models.CharField(max_length=16, blank=True)
    rank_boost = models.FloatField(default=1.0)
    audience = models.JSONField(default=list, help_text="who may see it: public, login, group:<id>")
    fields = models.JSONField(default=dict, help_text="analysed tokens by field, space separated")
    postings = models.BinaryField(default=b"", help_text="embedded index: token ids then impacts")
    dictionary_version = models.BigIntegerField(default=0)
    live = models.BooleanField(default=True)
    seq = models.BigIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class SearchToken(models.Model):
    """The embedded index's vocabulary: every token gets a small integer id."""

    text = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "检索词元"
        verbose_name_plural = "检索词元"

    def __str__(self) -> str:
        return self.text


class SearchPostingBlock(models.Model):
    """Part of one token's posting list: entry ids (uint32) and impacts (uint16) for 2048 consecutive entry ids."""

    pk = models.CompositePrimaryKey("token_id", "block")
    token_id = models.BigIntegerField()
    block = models.IntegerField()
    entry_ids = models.BinaryField()
    impacts = models.BinaryField()

    class Meta:
        verbose_name = "倒排块"
        verbose_name_plural = "倒排块"

    def __str__(self) -> str:
        return f"{self.token_id}/{self.block}"


class SearchOutbox(models.Model):
    """An index update waiting to be applied; written in the same transaction as the content change."""

    class Stage(models.TextChoices):
        ENTRY = "entry", "待分析"
        ENGINE = "engine", "待写入引擎"

    key = models.CharField(max_length=40, db_index=True)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.ENTRY)
    attempts = models.PositiveIntegerField(default=0)
    available_at = models.DateTimeField(db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "索引待办"
        verbose_name_plural = "索引待办"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_stage_display()})"


class SearchQuery(models.Model):
    """One search a person ran, for the editors' report (what workers look for and do not find)."""

    query = models.CharField("检索词", max_length=100)
    normalised = models.CharField("规范化检索词", max_length=100, db_index=True)
    results_count = models.PositiveIntegerField("结果数")
    filters = models.JSONField("筛选条件", default=dict, blank=True)
    channel = models.CharField("渠道", max_length=8, default="api")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    took_ms = models.PositiveIntegerField("耗时（毫秒）", default=0)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.query


class SearchClick(models.Model):
    """A result someone opened from a search."""

    search = models.ForeignKey(SearchQuery, verbose_name="检索", on_delete=models.CASCADE, related_name="clicks")
    key = models.CharField("条目", max_length=40)
    title = models.CharField("标题", max_length=255)
    url = models.CharField("链接", max_length=500)
    position = models.PositiveSmallIntegerField("位置")
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "结果点击"
        verbose_name_plural = "结果点击"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
