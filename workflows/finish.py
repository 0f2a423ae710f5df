"""WAGTAIL_FINISH_WORKFLOW_ACTION: imported while Wagtail's models load, so it imports lazily."""


def workflow_finish(workflow_state, user=None):
    from workflows.services.decisions import workflow_finished

    workflow_finished(workflow_state=workflow_state, user=user)
