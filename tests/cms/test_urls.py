def test_the_api_root_leads_to_the_interactive_docs(client):
    for path in ("/api/", "/api/v1/"):
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"] == "/api/v1/docs/"
