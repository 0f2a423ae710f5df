"""Token and session authentication for the API, and the caller's own account at /api/v1/me/."""

import pytest

from cms.models import User
from cms.services import user_assign_role
from content_types.factories import OrganisationPageFactory


@pytest.fixture
def editor(home):
    organisation = OrganisationPageFactory(title="一号煤矿分工会")
    user = User.objects.create_user(username="editor", password="demo-password", display_name="李编辑")
    return user_assign_role(user=user, role="editor", organisation=organisation)


def test_a_token_from_the_token_endpoint_authenticates_the_caller(client, editor):
    token = client.post(
        "/api/v1/auth/token/", {"username": "editor", "password": "demo-password"}, content_type="application/json"
    ).json()["token"]

    me = client.get("/api/v1/me/", headers={"Authorization": f"Token {token}"})

    assert me.status_code == 200
    assert me.json()["username"] == "editor"
    assert me.json()["display_name"] == "李编辑"
    assert me.json()["organisation"]["title"] == "一号煤矿分工会"
    assert me.json()["organisation"]["level"] == "branch"
    assert me.json()["roles"] == ["editor"]


def test_the_browser_session_authenticates_too(client, editor):
    client.force_login(editor)

    assert client.get("/api/v1/me/").json()["username"] == "editor"


def test_a_wrong_password_is_refused_in_the_one_error_format(client, editor):
    response = client.post(
        "/api/v1/auth/token/", {"username": "editor", "password": "wrong"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["errors"]
    assert response.json()["errors"]["non_field_errors"]
    assert "token" not in response.json()


def test_missing_credentials_are_named_per_field(client, db):
    response = client.post("/api/v1/auth/token/", {}, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username", "password"}


def test_an_anonymous_caller_gets_401_from_me_in_the_one_error_format(client, db):
    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert list(response.json()) == ["errors"]
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_a_bad_token_is_refused(client, db):
    response = client.get("/api/v1/me/", headers={"Authorization": "Token not-a-real-token"})

    assert response.status_code == 401
    assert "errors" in response.json()


def test_the_token_endpoint_accepts_only_post(client, db):
    response = client.get("/api/v1/auth/token/")

    assert response.status_code == 405
    assert "errors" in response.json()
