"""In-app notifications; the same notices also go out by e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ASSIGNED = "assigned", "待审批"
    DECIDED = "decided", "审批结果"
    OVERDUE = "overdue", "超时提醒"
    ESCALATED = "escalated", "超时上报"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类别", max_length=16, choices=NotificationKind.choices)
    title = models.CharField("标题", max_length=255)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=255, blank=True)
    request = models.ForeignKey(
        "workflows.Request",
        verbose_name="相关申请",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title
