"""Which articles fit what a resident wrote on the repair form: plain data in, plain data out (no ORM).

A description is a Chinese sentence without spaces (「厨房水槽下水很慢，好像堵了」), so looking for the whole of it
in an article finds nothing. The article's keywords are looked for inside the description instead (下水, 堵), and
any spaced words the resident typed are looked for in the article. The kind of repair chosen counts too, less.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

SEPARATORS = re.compile(r"[\s,，、;；/|]+")
WORDS = re.compile(r"[\s,，、;；/|.。!！?？:：()（）]+")
MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 20
KEYWORD_WEIGHT, TRADE_WEIGHT = 2, 1  # a word the resident wrote says more than the kind they picked
SUGGESTION_LIMIT = 5


def keyword_list(raw: str) -> list[str]:
    """The keywords of an article, as staff typed them (commas, 、 or spaces between), lower-cased, in order."""
    seen = []
    for word in SEPARATORS.split((raw or "").casefold()):
        if word and word not in seen:
            seen.append(word)
    return seen


def keyword_problems(raw: str) -> list[str]:
    """What is wrong with a keywords field, as messages for staff; empty when it is fine."""
    words = keyword_list(raw)
    problems = []
    if len(words) > MAX_KEYWORDS:
        problems.append(_("Use at most %(count)s keywords.") % {"count": MAX_KEYWORDS})
    for word in words:
        if len(word) > MAX_KEYWORD_LENGTH:
            problems.append(
                _("“%(word)s” is too long for a keyword: use words of up to %(count)s characters.")
                % {"word": word, "count": MAX_KEYWORD_LENGTH}
            )
        elif len(word) == 1 and word.isascii():
            # one Chinese character (堵) means something; one Latin letter or digit is in nearly every description
            problems.append(
                _("“%(word)s” is a single letter or digit and would match almost anything.") % {"word": word}
            )
    return problems


@dataclass(frozen=True)
class Candidate:
    """An article as the matcher sees it."""

    id: int
    title: str
    summary: str
    keywords: str
    trade: str  # its Trade key, or ""


def score(candidate: Candidate, *, trade: str, text: str) -> int:
    """How well the article fits: each keyword found in the text and each typed word found in the article count
    KEYWORD_WEIGHT, the same trade TRADE_WEIGHT. 0: it does not fit."""
    text = (text or "").casefold()
    keywords = keyword_list(candidate.keywords)
    hits = sum(1 for word in keywords if word in text)
    article = " ".join((candidate.title, candidate.summary, *keywords)).casefold()
    typed = {word for word in WORDS.split(text) if len(word) >= 2 and word not in keywords}
    hits += sum(1 for word in typed if word in article)
    return KEYWORD_WEIGHT * hits + TRADE_WEIGHT * bool(trade and candidate.trade == trade)


def best_matches(candidates, *, trade: str, text: str, limit: int = SUGGESTION_LIMIT) -> list[Candidate]:
    """The candidates that fit, best first (then by title), at most `limit`."""
    scored = [(score(candidate, trade=trade, text=text), candidate) for candidate in candidates]
    fitting = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1].title))
    return [candidate for _score, candidate in fitting[:limit]]
