"""Hard words and what they mean (content/hard-words.yaml and the texts under hard_words), for the pages
that must use them."""

from __future__ import annotations


def explanation(word_id: str) -> str:
    """The council's easy-read sentence for a hard word, in the page's language; "" when its list does not
    have the word."""
    from portal.content import config
    from portal.i18n import lang

    return next((hard.explanation(lang()) for hard in config().hard_words if hard.id == word_id), "")
