"""The small rules underneath: ID-card check codes, step conditions, masking, approver resolution, the seed."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.management import call_command

from wagtail.models import Workflow, WorkflowPage

import pytest

from tests.workflows.helpers import id_number
from workflows.assignment import organisation_role_assignment
from workflows.conditions import condition_met
from workflows.masking import mask_id_card, mask_phone
from workflows.models import NamedGroupTask, OrganisationReviewerTask, RequestType
from workflows.services.seed import EDITORIAL_WORKFLOW, workflows_seed
from workflows.validators import validate_id_card, validate_phone


@pytest.mark.parametrize(
    "number", ["11010519491231002X", id_number("44052419800101001"), id_number(), id_number().lower()]
)
def test_valid_id_card_numbers_pass(number):
    validate_id_card(number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "身份证号码校验位不正确，请核对。"),
        ("11010519491331002X", "身份证号码中的出生日期无效。"),
        ("21010520991231002X", "身份证号码中的出生日期无效。"),
        ("11010519491231002", "请输入18位身份证号码。"),
        ("1101051949123100AX", "请输入18位身份证号码。"),
    ],
)
def test_invalid_id_card_numbers_are_refused_with_a_reason(number, message):
    with pytest.raises(ValidationError) as refused:
        validate_id_card(number)
    assert refused.value.messages == [message]


@pytest.mark.parametrize("phone", ["13800138000", "0351-1234567", "03517654321"])
def test_mobile_and_landline_numbers_pass(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "138-0013-8000", "400-123-4567"])
def test_other_phone_numbers_are_refused(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


@pytest.mark.parametrize(
    ("operator", "expected", "value", "met"),
    [
        ("gt", "2000", "2000.01", True),
        ("gt", "2000", "2000", False),
        ("gte", "2000", 2000, True),
        ("lt", "2000", "1999", True),
        ("lte", "2000", "abc", False),
        ("eq", "本人", "本人", True),
        ("ne", "本人", "配偶", True),
        ("true", "", True, True),
        ("true", "", False, False),
        ("true", "", "否", False),
        ("eq", "true", True, True),
    ],
)
def test_step_conditions_compare_the_field_of_the_item_under_review(operator, expected, value, met):
    request_like = SimpleNamespace(data={"field": value})
    page_like = SimpleNamespace(field=value)

    assert condition_met(field="field", operator=operator, expected=expected, obj=request_like) is met
    assert condition_met(field="field", operator=operator, expected=expected, obj=page_like) is met


def test_a_step_without_a_condition_always_applies():
    assert condition_met(field="", operator="gt", expected="", obj=SimpleNamespace(data={}))


def test_masks_keep_only_the_ends():
    assert mask_id_card("14010219850312001X") == "140***********001X"
    assert mask_phone("13800138000") == "138****8000"


@pytest.mark.django_db
def test_the_reviewer_step_climbs_to_the_next_staffed_level(org):
    assert org.branch_reviewer
    request_like = SimpleNamespace(organisation=org.grassroots)

    organisation, groups, reason = organisation_role_assignment(
        obj=request_like, role="reviewer", levels_up=0, target_level="", requester=org.worker
    )

    assert (organisation, [group.name for group in groups], reason) == (org.branch, ["一号煤矿分工会·审核人"], "")


@pytest.mark.django_db
def test_n_levels_up_and_a_missing_level_skip(org):
    assert org.company_reviewer
    request_like = SimpleNamespace(organisation=org.grassroots)

    two_up = organisation_role_assignment(
        obj=request_like, role="reviewer", levels_up=2, target_level="", requester=None
    )
    too_far = organisation_role_assignment(
        obj=request_like, role="reviewer", levels_up=3, target_level="", requester=None
    )

    assert two_up[0] == org.company
    assert too_far == (None, [], "没有更高一级的组织，跳过此步骤")


@pytest.mark.django_db
def test_the_seed_is_idempotent_and_puts_every_page_under_the_editorial_workflow(org):
    again = workflows_seed(company=org.company)
    call_command("workflows_seed")

    assert RequestType.objects.count() == 6
    assert Workflow.objects.filter(name=EDITORIAL_WORKFLOW).count() == 1
    assert again["editorial_workflow"] == org.seed["editorial_workflow"]
    assert WorkflowPage.objects.get(page__depth=2).workflow.name == EDITORIAL_WORKFLOW
    assert org.grassroots.get_workflow().name == EDITORIAL_WORKFLOW
    assert OrganisationReviewerTask.objects.count() == 8
    assert NamedGroupTask.objects.get().countersign


@pytest.mark.django_db
def test_the_api_schema_documents_the_oa_endpoints(client):
    schema = client.get("/api/v1/schema/").content.decode()

    for path in ("/api/v1/requests/", "/api/v1/tasks/{id}/decide/", "/api/v1/request-types/", "/api/v1/notifications/"):
        assert path in schema
