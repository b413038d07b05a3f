"""The Arabic message catalogue: the English message (the id, as templates write it) -> its Arabic."""

from __future__ import annotations

MESSAGES: dict[str, str] = {}
