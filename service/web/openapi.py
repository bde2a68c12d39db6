"""The OpenAPI document of the JSON API, at /api/v1/openapi.json.

Written by hand, next to the code it describes; the tests run schemathesis
against it so the two cannot drift apart.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from ..content.model import IDENTIFIER
from ..i18n import LANGUAGE_TAG

bp = Blueprint("openapi", __name__)

TEXT = {"type": "string"}
NULLABLE_URL = {"type": ["string", "null"]}
PROBLEM = {
    "description": "Problem details (RFC 9457)",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
LANG = {
    "name": "lang", "in": "query", "required": False,
    "description": "A language tag (en, tr). Without it, Accept-Language decides.",
    "schema": {"type": "string", "pattern": LANGUAGE_TAG.pattern},
}
AUDIO = {
    "anyOf": [
        {"type": "null"},
        {"type": "object", "required": ["mp3", "ogg", "wav"], "additionalProperties": False,
         "properties": {"mp3": TEXT, "ogg": TEXT, "wav": TEXT}},
    ]
}
AUDIO_MEMBERS = {"audio": AUDIO, "timings": NULLABLE_URL, "timings_json": NULLABLE_URL, "transcript": NULLABLE_URL}


def document(languages: list[str]) -> dict:
    summary = {
        "type": "object", "required": ["slug", "lang", "title", "url", "page"],
        "properties": {"slug": TEXT, "lang": {"enum": languages}, "title": TEXT, "url": TEXT, "page": TEXT},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "carevoice API", "version": "1",
                 "description": "Treatment information in several languages, with its spoken audio."},
        "paths": {
            "/api/v1/languages": {"get": {
                "operationId": "listLanguages",
                "responses": {"200": {"description": "The languages served", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["languages"], "properties": {"languages": {
                        "type": "array", "items": {
                            "type": "object", "required": ["code", "name", "direction"],
                            "properties": {"code": {"enum": languages}, "name": TEXT,
                                           "direction": {"enum": ["ltr", "rtl"]}}}}}}}}}},
            }},
            "/api/v1/topics": {"get": {
                "operationId": "listTopics",
                "parameters": [LANG],
                "responses": {
                    "200": {"description": "The topics in one language", "content": {"application/json": {
                        "schema": {"type": "object", "required": ["lang", "topics"], "properties": {
                            "lang": {"enum": languages}, "topics": {"type": "array", "items": summary}}}}}},
                    "400": PROBLEM, "404": PROBLEM,
                },
            }},
            "/api/v1/topics/{slug}": {"get": {
                "operationId": "getTopic",
                "parameters": [{"name": "slug", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": IDENTIFIER.pattern}}, LANG],
                "responses": {
                    "200": {"description": "A whole topic", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Topic"}}}},
                    "400": PROBLEM, "404": PROBLEM,
                },
            }},
        },
        "components": {"schemas": {
            "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
                "type": TEXT, "title": TEXT, "status": {"type": "integer"}, "detail": TEXT}},
            "Topic": {
                "type": "object",
                "required": ["slug", "lang", "title", "translation", "metadata", "sections", "book", *AUDIO_MEMBERS],
                "properties": {
                    **summary["properties"], **AUDIO_MEMBERS,
                    # The talking book (EPUB 3 with media overlays); null where the language has no voice.
                    "book": NULLABLE_URL,
                    # Whether a clinician has checked this translation ("source": the original).
                    # "reviewed" when every message of the topic has a review that still holds;
                    # reviewed_on is the oldest of those reviews, role who made them; reviewed
                    # and total count the topic's messages (0 and 0 for the source).
                    "translation": {"type": "object", "required": [
                        "status", "reviewed_on", "role", "reviewed", "total", "notice", "passage_note", "original"],
                                    "properties": {
                        "status": {"enum": ["source", "unreviewed", "reviewed"]},
                        "reviewed_on": {"type": ["string", "null"], "format": "date"},
                        "role": {"type": ["string", "null"]},
                        "reviewed": {"type": "integer", "minimum": 0},
                        "total": {"type": "integer", "minimum": 0},
                        "notice": {"type": ["string", "null"]},
                        # Shown beside each passage given in the source language (see paragraph_langs).
                        "passage_note": {"type": ["string", "null"]},
                        "original": TEXT}},
                    "metadata": {"type": "object", "required": [
                        "last_reviewed", "last_reviewed_text", "next_review_due", "next_review_due_text", "source",
                        "disclaimer"], "properties": {
                        "last_reviewed": {"type": "string", "format": "date"}, "last_reviewed_text": TEXT,
                        "next_review_due": {"type": "string", "format": "date"}, "next_review_due_text": TEXT,
                        "source": {"type": "object", "required": ["title", "note"], "properties": {
                            "title": TEXT, "note": TEXT, "url": NULLABLE_URL}},
                        "disclaimer": TEXT}},
                    # heading_lang and paragraph_langs (one per paragraph): the language each is
                    # given in, the topic's, or the source language's where its translation is
                    # missing or being updated after the English changed; the audio says such a
                    # passage with the source language's voice.
                    "sections": {"type": "array", "items": {
                        "type": "object", "required": [
                            "id", "heading", "heading_lang", "paragraphs", "paragraph_langs", *AUDIO_MEMBERS],
                        "properties": {"id": TEXT, "heading": TEXT, "heading_lang": {"enum": languages},
                                       "paragraphs": {"type": "array", "items": TEXT},
                                       "paragraph_langs": {"type": "array", "items": {"enum": languages}},
                                       **AUDIO_MEMBERS}}},
                },
            },
        }},
    }


@bp.get("/api/v1/openapi.json")
def openapi():
    return document(list(current_app.config["LANGUAGES"]))
