"""Highlighted snippets, made in Python from the stored text so both engines show exactly the same thing."""

from __future__ import annotations

from html import escape  # Django's escape gives the same text, through a lazy-string wrapper per call

from search.chinese import char_reading, normalise

MARK_OPEN, MARK_CLOSE = "<em>", "</em>"
SNIPPET_CHARS = 120
SCAN_CHARS = 3000


def _normalised(text: str) -> str:
    """Lower-cased, half-width text of the same length as ``text`` (a character that would change length stays)."""
    folded = normalise(text)
    if len(folded) == len(text):
        return folded
    chars = []
    for char in text:
        folded = normalise(char)
        chars.append(folded if len(folded) == 1 else char)
    return "".join(chars)


def homophones(text: str, syllable_words: list[list[str]]) -> list[str]:
    """Substrings of ``text`` that sound like the query's words (金秋主学 → 助学), for marking pinyin matches."""
    found = []
    if not syllable_words:
        return found
    syllables = [char_reading(char) for char in text]
    for word in syllable_words:
        size = len(word)
        for start in range(len(text) - size + 1):
            if syllables[start : start + size] == word:
                found.append(text[start : start + size])
    return found


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    folded = _normalised(text)
    taken = [False] * len(text)
    spans = []
    for term in sorted(dict.fromkeys(t for t in terms if t), key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = folded.find(term, end)
    return sorted(spans)


def mark(text: str, terms: list[str]) -> str:
    """The whole text, escaped, with every term marked."""
    return _render(text, _spans(text, terms), 0, len(text))


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(MARK_OPEN + escape(text[span_start:span_end]) + MARK_CLOSE)
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def snippet(text: str, terms: list[str], *, size: int = SNIPPET_CHARS) -> str:
    """The window of ``text`` richest in query terms, escaped, terms marked, ellipses where it was cut."""
    text = " ".join(text[:SCAN_CHARS].split())
    if not text:
        return ""
    spans = _spans(text, terms)
    if len(text) <= size:
        return _render(text, spans, 0, len(text))
    best_start, best_score = 0, -1.0
    for i, (span_start, _) in enumerate(spans):
        window_start = max(0, span_start - size // 4)
        window_end = window_start + size
        inside = [s for s in spans[i:] if s[1] <= window_end]
        distinct = {text[a:b] for a, b in inside}
        score = sum(len(t) for t in distinct) + 0.1 * len(inside)
        if score > best_score:
            best_start, best_score = window_start, score
    start = min(best_start, max(0, len(text) - size))
    end = min(len(text), start + size)
    body = _render(text, spans, start, end)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
