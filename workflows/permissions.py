"""Who may see requests in the admin: everyone with admin access sees what `requests_visible_to` allows.

Nobody edits a request in the admin (it is the applicant's); approvers reach the editor only through the
step they are on (`Task.user_can_access_editor`), where the form is read-only.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class RequestPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view":
            return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            from workflows.selectors import requests_visible_to

            return requests_visible_to(user=user).filter(pk=instance.pk).exists()
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_permission_for(self, user, action):
        if action == "view":
            from workflows.selectors import requests_visible_to

            return requests_visible_to(user=user)
        return super().instances_user_has_permission_for(user, action)


# Budgets and the ledger belong to finance: finance keeps them for its organisation and those below it,
# leaders read them; system administrators (superusers) do everything.
FUNDS_ROLES = {"view": ("finance", "leader"), "add": ("finance",), "change": ("finance",)}


class FundsPermissionPolicy(ModelPermissionPolicy):
    def _roles(self, action):
        return FUNDS_ROLES.get(action, ())

    def _scope(self, user, action):
        from workflows.selectors import organisations_with_role

        return organisations_with_role(user=user, roles=self._roles(action))

    def user_has_permission(self, user, action):
        if user.is_active and user.is_superuser:
            return True
        if not (user.is_active and self._roles(action)):
            return False
        return self._scope(user, action).exists()

    def instances_user_has_permission_for(self, user, action):
        from django.db.models import Q

        if user.is_active and user.is_superuser:
            return self.model.objects.all()
        paths = list(self._scope(user, action).values_list("path", flat=True)) if user.is_active else []
        if not paths:
            return self.model.objects.none()
        within = Q()
        for path in paths:
            within |= Q(organisation__path__startswith=path)
        return self.model.objects.filter(within)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()
