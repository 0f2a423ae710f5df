"""The platform's own people and the groups that give each organisation its roles."""

from django.contrib.auth.models import AbstractUser, Group
from django.db import models


class User(AbstractUser):
    """A union member, worker or officer; belongs to one organisation, which scopes what they see."""

    display_name = models.CharField("姓名", max_length=64, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    organisation = models.ForeignKey(
        "content_types.OrganisationPage",
        verbose_name="所属组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class OrganisationGroup(models.Model):
    """Links one role in one organisation to the Django group that carries its Wagtail permissions."""

    organisation = models.ForeignKey(
        "content_types.OrganisationPage",
        verbose_name="组织",
        on_delete=models.CASCADE,
        related_name="role_groups",
    )
    role = models.CharField("角色", max_length=16)
    group = models.OneToOneField(
        Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="organisation_role"
    )

    class Meta:
        verbose_name = "组织角色组"
        verbose_name_plural = "组织角色组"
        constraints = [models.UniqueConstraint(fields=["organisation", "role"], name="unique_role_per_organisation")]

    def __str__(self) -> str:
        return self.group.name
