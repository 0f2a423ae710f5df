"""OpenAPI schema hooks: the published schema documents our /api/v1/, not Wagtail's internal admin API."""

API_PREFIX = "/api/v1/"


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
