"""Hard words and what they mean (content/hard-words.yaml), for the pages that must use them."""

from __future__ import annotations


def explanation(word: str) -> str:
    """The council's easy-read sentence for a hard word; "" when its list does not have the word."""
    from portal.content import config

    folded = word.casefold()
    return next((hard.explanation for hard in config().hard_words if hard.word.casefold() == folded), "")
