"""The OpenAPI schema and the interactive docs page, served entirely from our own host."""

import re

from django.contrib.staticfiles import finders


def test_the_schema_is_openapi_3_json_describing_our_endpoints(client, db):
    response = client.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "智慧工会 API"
    for path in [
        "/api/v1/news/",
        "/api/v1/news/{id}/",
        "/api/v1/notices/",
        "/api/v1/case-stories/",
        "/api/v1/policies/",
        "/api/v1/courses/{id}/",
        "/api/v1/lessons/",
        "/api/v1/faqs/",
        "/api/v1/organisations/",
        "/api/v1/organisations/tree/",
        "/api/v1/categories/",
        "/api/v1/tags/",
        "/api/v1/images/",
        "/api/v1/documents/",
        "/api/v1/videos/",
        "/api/v1/auth/token/",
        "/api/v1/me/",
    ]:
        assert path in schema["paths"], path
    assert not [path for path in schema["paths"] if not path.startswith("/api/v1/")]


def test_the_schema_documents_filters_and_auth(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()

    parameters = {p["name"] for p in schema["paths"]["/api/v1/policies/"]["get"]["parameters"]}
    assert {"organisation", "tag", "date_from", "date_to", "validity", "ordering", "page", "page_size"} <= parameters
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_docs_page_loads_its_scripts_and_styles_from_our_static_files(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for url in assets:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert "http://" not in html
    assert "https://" not in html
