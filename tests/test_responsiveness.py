"""analysis.responsiveness: the asks of a question and whether the answer takes them up."""

from __future__ import annotations

from analysis.responsiveness import ask_score, content_lemmas, responsiveness, split_asks

OPENING = "To ask the Secretary of State for Education, "


def test_enumerated_parts_are_separate_asks() -> None:
    question = OPENING + "how many teachers were recruited in (a) 2022, (b) 2023 and (c) 2024."
    asks = split_asks(question)
    assert len(asks) == 3
    assert all(ask.startswith(OPENING) for ask in asks)
    assert asks[1].endswith("(b) 2023".replace("(b) ", ""))


def test_question_words_split_asks_when_there_are_no_enumerators() -> None:
    question = OPENING + "what the cost of the programme has been; and when it will be completed."
    assert len(split_asks(question)) == 2


def test_a_single_ask() -> None:
    assert split_asks(OPENING + "whether she will meet head teachers.") == [
        OPENING + "whether she will meet head teachers."
    ]
    assert split_asks("") == []


def test_question_form_words_do_not_count() -> None:
    assert content_lemmas("what assessment her Department has made of teacher pay") == {
        "teacher",
        "pay",
    }


def test_scores_by_hand() -> None:
    # Content of the ask: support, available, rural, bus, route. The answer uses rural and bus:
    # 2 of 5 = 0.4, at least a quarter but under half, so partly addressed (0.5).
    ask = OPENING + "what support is available for rural bus routes."
    assert content_lemmas(ask) == {"support", "available", "rural", "bus", "route"}
    answer = "Funding for rural transport is provided through the Bus Service Improvement Plan."
    assert ask_score(ask, content_lemmas(answer)) == 0.5
    # Two asks: (a) meet + teacher, both in the answer (1); (b) meet + parent, half (1).
    result = responsiveness(
        OPENING + "whether she will meet (a) teachers and (b) parents.",
        "The Secretary of State meets teachers regularly.",
    )
    assert result.scores == (1.0, 1.0)
    # Nothing of the ask in the answer: not addressed.
    miss = responsiveness(OPENING + "how many schools have closed.", "We do not comment.")
    assert miss.scores == (0.0,) and miss.asks_addressed_share == 0.0
