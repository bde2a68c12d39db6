"""The API against its own OpenAPI document, by schemathesis: no 5xx, and every
response matches the schema."""

import pytest

import schemathesis
from hypothesis import HealthCheck, settings

from service.web.openapi import document

from .conftest import LANGUAGES

# The document the app serves for its two languages (checked below), built
# without an app so that the requests go to the test's own app, closed after it.
schema = schemathesis.openapi.from_dict(document(LANGUAGES))


@pytest.mark.speech
@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(app, case):
    case.call_and_validate(app=app)


def test_document_is_served_and_names_every_route(client):
    document_served = client.get("/api/v1/openapi.json").json
    assert document_served["openapi"].startswith("3.1")
    assert set(document_served["paths"]) == {"/api/v1/languages", "/api/v1/topics", "/api/v1/topics/{slug}"}
    assert document_served == document(LANGUAGES)  # the one the schemathesis test above uses
