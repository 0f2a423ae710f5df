"""Notices in Chinese: an in-app row per recipient, and an e-mail sent once the transaction commits."""

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from cms.models import User
from workflows.models import Notification, Request

SUBJECT_PREFIX = "【智慧工会】"


def _send_emails(messages: list[tuple[str, str, str, list[str]]]) -> None:
    send_mass_mail(messages, fail_silently=True)


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    request: Request | None = None,
) -> list[Notification]:
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not unique:
        return []
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, title=title, body=body, url=url, request=request)
        for user in unique.values()
    )
    link = f"\n\n查看：{settings.SITE_BASE_URL}{url}" if url else ""
    messages = [
        (
            f"{SUBJECT_PREFIX}{title}",
            f"{user}，您好：\n\n{body or title}{link}",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        for user in unique.values()
        if user.email
    ]
    if messages:
        transaction.on_commit(partial(_send_emails, messages))
    return notifications


@transaction.atomic
def notification_read(*, notification: Notification, user: User) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
