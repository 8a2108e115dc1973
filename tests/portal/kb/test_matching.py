"""The matcher behind the repair form's suggestions: keywords found inside a description without spaces, typed
words found in the article, the trade chosen counting less."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.kb.matching import (
    MAX_KEYWORDS,
    Candidate,
    best_matches,
    keyword_list,
    keyword_problems,
    score,
)

DRAIN = Candidate(1, "厨房下水道堵了怎么办", "油污堵在存水弯。", "下水道, 堵、地漏 排水慢", "plumbing")
TOILET = Candidate(2, "马桶一直流水怎么办", "浮球卡住。", "马桶，流水, 水箱", "plumbing")
BREAKER = Candidate(3, "跳闸了：一个房间没电怎么办", "空气开关跳了。", "跳闸, 没电", "electrical")
HEATER = Candidate(4, "Gas water heater gives no hot water", "Check the battery.", "heater, battery", "plumbing")
ALL = [DRAIN, TOILET, BREAKER, HEATER]


def titles(found):
    return [candidate.title for candidate in found]


def test_keywords_split_on_commas_chinese_commas_enumeration_marks_and_spaces():
    assert keyword_list("下水道, 堵、地漏 排水慢，反水;返味") == ["下水道", "堵", "地漏", "排水慢", "反水", "返味"]
    assert keyword_list(" Heater,heater  ") == ["heater"]
    assert keyword_list("") == []


def test_a_keyword_inside_a_sentence_without_spaces_finds_the_article():
    assert titles(best_matches(ALL, trade="", text="厨房水槽的下水道好像堵了，水下不去")) == ["厨房下水道堵了怎么办"]


def test_more_keywords_found_rank_higher_and_the_trade_breaks_ties():
    found = best_matches(ALL, trade="plumbing", text="马桶水箱一直响")
    assert titles(found) == ["马桶一直流水怎么办", "Gas water heater gives no hot water", "厨房下水道堵了怎么办"]
    assert score(TOILET, trade="plumbing", text="马桶水箱一直响") == 2 * 2 + 1


def test_the_trade_alone_offers_that_trade_s_articles_by_title():
    assert titles(best_matches(ALL, trade="electrical", text="")) == ["跳闸了：一个房间没电怎么办"]


def test_a_word_the_resident_typed_is_found_in_the_article_title_and_latin_ignores_case():
    assert titles(best_matches(ALL, trade="", text="跳闸")) == ["跳闸了：一个房间没电怎么办"]
    assert titles(best_matches(ALL, trade="", text="no HOT water")) == ["Gas water heater gives no hot water"]


def test_nothing_chosen_or_written_and_unrelated_words_suggest_nothing():
    assert best_matches(ALL, trade="", text="") == []
    assert best_matches(ALL, trade="", text="门禁卡丢了") == []
    assert best_matches(ALL, trade="lift", text="") == []


def test_at_most_the_limit_is_offered():
    many = [Candidate(n, f"水暖{n}", "", "", "plumbing") for n in range(10)]
    assert len(best_matches(many, trade="plumbing", text="")) == 5
    assert len(best_matches(many, trade="plumbing", text="", limit=2)) == 2


@given(text=st.text(max_size=60), trade=st.sampled_from(["", "plumbing", "electrical", "lift"]))
def test_every_suggestion_fits_and_none_that_fits_is_left_out_below_the_limit(text, trade):
    found = best_matches(ALL, trade=trade, text=text, limit=len(ALL))
    assert all(score(candidate, trade=trade, text=text) > 0 for candidate in found)
    assert {c.id for c in ALL if score(c, trade=trade, text=text) > 0} == {c.id for c in found}
    scores = [score(candidate, trade=trade, text=text) for candidate in found]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [("a, 下水道", "single letter"), ("7", "single letter"), ("下" * 21, "too long"),
     (",".join(f"词{n}" for n in range(MAX_KEYWORDS + 1)), "at most")],
)  # fmt: skip
def test_keywords_that_would_match_anything_or_are_unwieldy_are_explained(raw, problem):
    from django.utils import translation

    with translation.override("en"):
        assert any(problem in message for message in keyword_problems(raw))


def test_single_chinese_characters_and_ordinary_keywords_are_fine():
    assert keyword_problems("堵, 漏, 下水道, heater") == []
