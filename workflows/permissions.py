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
