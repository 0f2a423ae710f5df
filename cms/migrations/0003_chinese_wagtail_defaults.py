"""Wagtail's first migrations create English-named defaults; the union's admin speaks Chinese.

Renames the "Moderators" and "Editors" groups and the default "Moderators approval" workflow and task,
everywhere they appear (group checkboxes, workflow lists, the step chooser). Runs after every Wagtail
migration that looks these groups up by name.
"""

from django.db import migrations

GROUPS = {"Moderators": "内容审核员", "Editors": "内容编辑"}
WORKFLOWS = {"Moderators approval": "内容审核员审批"}


def rename(apps, mapping_groups, mapping_workflows):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in mapping_groups.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for old, new in mapping_workflows.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, GROUPS, WORKFLOWS)


def backwards(apps, schema_editor):
    rename(apps, {v: k for k, v in GROUPS.items()}, {v: k for k, v in WORKFLOWS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
