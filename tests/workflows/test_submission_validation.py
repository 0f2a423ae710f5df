"""Malformed submissions are refused with per-field Chinese errors, and nothing is half-saved."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Revision, WorkflowState

import pytest

from tests.workflows.helpers import id_number, multipart, valid_submission
from workflows.models import Notification, Request, RequestAttachment, RequestEvent

pytestmark = pytest.mark.django_db


def nothing_saved():
    return (
        Request.objects.count(),
        RequestAttachment.objects.count(),
        RequestEvent.objects.count(),
        WorkflowState.objects.count(),
        Revision.objects.filter(base_content_type__model="request").count(),
        Notification.objects.count(),
    ) == (0, 0, 0, 0, 0, 0)


def post(api, user, payload, **kwargs):
    return api(user).post("/api/v1/requests/", payload, **kwargs)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"id_number": "140102198503120010"}, {"id_number": ["身份证号码校验位不正确，请核对。"]}),
        ({"id_number": "14010219851332001X"}, {"id_number": ["身份证号码中的出生日期无效。"]}),
        ({"id_number": "1234"}, {"id_number": ["请输入18位身份证号码。"]}),
        ({"phone": "12345"}, {"phone": ["请输入有效的手机号码或固定电话（如 13800138000 或 0351-1234567）。"]}),
        ({"hardship_type": "想要补助"}, {"hardship_type": ["“想要补助”不是可选项。"]}),
        ({"amount": "30000"}, {"amount": ["不能大于 20000.00。"]}),
        ({"amount": "一千元"}, {"amount": ["格式不正确。"]}),
        ({"amount": "1500.555"}, {"amount": ["最多保留 2 位小数。"]}),
        ({"household_size": 0}, {"household_size": ["不能小于 1.00。"]}),
        ({"situation": ""}, {"situation": ["请填写“困难情况说明”。"]}),
        ({"nickname": "老王"}, {"nickname": ["该申请事项没有这个字段。"]}),
        ({"proof": "证明.pdf"}, {"proof": ["附件请以文件形式上传（multipart/form-data）。"]}),
        ({"situation": {"text": "x"}}, {"situation": ["格式不正确。"]}),
    ],
)
def test_a_malformed_field_is_refused_with_its_own_chinese_error_and_nothing_is_saved(org, api, overrides, errors):
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type, **overrides)

    response = post(api, org.worker, multipart(request_type, data, files), format="multipart")

    assert response.status_code == 400
    assert response.json() == {"errors": errors}
    assert nothing_saved()


def test_every_wrong_field_is_reported_at_once(org, api):
    request_type = org.request_type("hardship-aid")

    response = post(api, org.worker, {"type": "hardship-aid", "data": {"phone": "110"}}, format="json")

    errors = response.json()["errors"]
    assert response.status_code == 400
    assert set(errors) == {
        "hardship_type",
        "household_size",
        "monthly_income",
        "amount",
        "situation",
        "id_number",
        "phone",
        "proof",
    }
    assert errors["proof"] == ["请上传“证明材料”。"]
    assert errors["amount"] == ["请填写“申请金额（元）”。"]
    assert nothing_saved()
    assert request_type.requests.count() == 0


def test_an_attachment_whose_content_is_not_what_its_name_says_is_refused(org, api):
    request_type = org.request_type("hardship-aid")
    data, _files = valid_submission(request_type)
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")

    response = post(api, org.worker, multipart(request_type, data, {"proof": fake}), format="multipart")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["proof"]
    assert nothing_saved()


def test_an_unknown_or_missing_request_type_is_a_field_error(org, api):
    unknown = post(api, org.worker, {"type": "no-such-thing", "data": {}}, format="json")
    missing = post(api, org.worker, {"data": {}}, format="json")

    assert unknown.json() == {"errors": {"type": ["没有这个申请事项。"]}}
    assert missing.json() == {"errors": {"type": ["请选择申请事项。"]}}
    assert nothing_saved()


def test_data_must_be_an_object(org, api):
    as_list = post(api, org.worker, {"type": "membership", "data": ["a"]}, format="json")
    bad_json = post(api, org.worker, {"type": "membership", "data": "{not json"}, format="multipart")

    assert as_list.json() == {"errors": {"data": ["申请内容必须是一个对象（字段名: 值）。"]}}
    assert bad_json.json() == {"errors": {"data": ["申请内容不是有效的 JSON。"]}}
    assert nothing_saved()


def test_a_request_type_the_caller_may_not_apply_for_is_forbidden(org, api):
    request_type = org.request_type("activity-funds")
    data, files = valid_submission(request_type)

    response = post(api, org.worker, multipart(request_type, data, files), format="multipart")

    assert response.status_code == 403
    assert response.json() == {"errors": {"detail": ["您不能申请这一事项。"]}}
    assert nothing_saved()


def test_a_failure_after_validation_rolls_everything_back(org, api, monkeypatch):
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type)

    def broken_start(self, obj, user):
        raise RuntimeError("workflow engine down")

    monkeypatch.setattr("wagtail.models.Workflow.start", broken_start)
    with pytest.raises(RuntimeError):
        post(api, org.worker, multipart(request_type, data, files), format="multipart")

    assert nothing_saved()


def test_a_valid_submission_keeps_its_attachment_and_normalised_data(org, api):
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type, id_number=id_number("14010219850312001").lower(), amount=1500)

    response = post(api, org.worker, multipart(request_type, data, files), format="multipart")

    body = response.json()
    assert response.status_code == 201
    assert body["data"]["amount"] == "1500.00"
    assert body["data"]["household_size"] == 1
    assert body["data"]["proof"]["name"] == "证明材料.pdf"
    assert body["attachments"][0]["field"] == "proof"
    download = api(org.worker).get(body["attachments"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert json.loads(json.dumps(body["data"])) == body["data"]
