"""Topic content: the English source of truth, and its translated view.

Topic files (``service/topics/*.toml``, or ``CONTENT_DIR``) hold the English
text; translations live in the gettext catalogs, keyed by ``message_context``.
"""

from .model import Section, Topic, TopicLibrary, load_topics, message_context
from .localized import LocalizedGlossaryEntry, LocalizedSection, LocalizedText, LocalizedTopic, localize_topic

__all__ = [
    "LocalizedGlossaryEntry",
    "LocalizedSection",
    "LocalizedText",
    "LocalizedTopic",
    "Section",
    "Topic",
    "TopicLibrary",
    "load_topics",
    "localize_topic",
    "message_context",
]
