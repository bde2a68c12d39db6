"""The API against its own OpenAPI document, by schemathesis: no 5xx, and every
response matches the schema."""

import schemathesis
from hypothesis import HealthCheck, settings

from service import create_app

app = create_app({"TESTING": True, "CACHE_DIR": "/nonexistent-carevoice-cache-for-openapi-tests"})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    case.call_and_validate()


def test_document_is_served_and_names_every_route():
    document = app.test_client().get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/api/v1/languages", "/api/v1/topics", "/api/v1/topics/{slug}"}
