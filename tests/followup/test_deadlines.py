"""analysis.followup.deadlines: the deadline of a promise, resolved against the answer's date
and worked out by hand from the rules of analysis/lexicons/deadlines.yaml."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from analysis.followup import deadlines
from analysis.followup.deadlines import find_deadline, time_phrases
from analysis.language import lexicon
from analysis.language.lexicon import LexiconError, load_lexicon

# Sentences of Commons answers as the corpus has them (../shared/corpus/commons), none of them
# reserved: "<answer id> <date answered> <deadline> <rule>", then the sentence. The deadline is
# "undated" for a time without a date and "none" when the sentence names no time at all.
REAL = """
    1858588 2025-12-09 2025-12-31 year.this_next
      We will consult later this year on a suite of new national policies for decision-making.

    1752925 2025-01-14 2025-12-31 year.this_next # "the 2024/25 financial year" has no lead
      The 2025 Annual Report on Special Advisers, which will relate to the 2024/25 financial year,
      will be published before the end of this year.

    1725547 2024-09-09 2024-12-31 year.this_next # the first deadline; "early 2025" comes after
      These processes are expected to be concluded by the end of this calendar year, with a view to
      re-mobilising site works early 2025.

    1729436 2024-10-10 2026-12-31 year.named
      Construction of the new headquarters is expected to conclude in 2026.

    1740070 2024-11-15 2030-12-31 year.named # two deadlines: the first governs
      Our ambition is for all populated areas to have higher-quality standalone 5G by 2030, and 95%
      4G geographic coverage by the end of 2025.

    1752151 2025-01-13 2030-12-31 year.named # a dated deadline beats "shortly"
      The government will consult shortly on increasing minimum energy efficiency standards in the
      domestic private rented sector to achieve Energy Performance Certificate C or equivalent by
      2030.

    1831868 2025-09-11 2027-03-31 fy.named # "in 2021" is past; a bare span is a financial year
      The service went live in 2021, and active planning is now underway to deliver this expansion,
      which is expected to begin in 2026/27.

    1677835 2023-12-20 2026-12-31 year.from # a start alone: the end of the year it names
      The expansion of the UK Emissions Trading Scheme (ETS) to domestic maritime is currently
      planned from 2026.

    1741389 2024-11-19 2025-03-31 year.from_early
      Ofcom can enforce duties on publishers of pornography from early 2025.

    1860087 2025-12-08 2026-03-31 year.early
      The Integrated National Transport Strategy will be published early next year and set the
      long-term vision for domestic transport across England.

    1858776 2025-12-09 2026-03-31 year.new_year
      We recognise the importance of the right to appeal, and the Government will consult on the
      details of this in the new year.

    1678587 2024-01-09 2024-03-31 year.new_year # answered in January: this year's first quarter
      The Home Secretary will provide a full update to Parliament on progress against all of the
      recommendations of the Independent Inquiry into Child Sexual Abuse early in the new year.

    1741396 2024-11-18 2025-12-31 year.this_next
      The government has protected the smallest businesses from the impact of the increase to
      employers’ National Insurance by increasing the Employment Allowance from £5,000 to £10,500,
      which means that 865,000 employers will pay no employer NICs at all next year.

    1877456 2026-02-05 2026-06-30 year.mid
      Officials are undertaking analysis of the responses received and the Government intends to
      publish its response in the first half of this year.

    1675392 2023-12-07 2027-12-31 range.year # a span ends with its last year
      Sport England has committed £1.2 million between 2022 and 2027 to UK Deaf Sport to boost deaf
      sport at the grassroots level and build wider participation.

    1877670 2026-02-11 2026-05-31 season.named
      The review is underway and will report its findings to the Home Secretary by spring 2026.

    1676081 2023-12-13 2024-05-31 season.coming # spring 2023 is over; a date beats "in due course"
      The changes announced by the Home Secretary will be introduced in the spring and internal
      guidance will be issued to UK Visas and Immigration staff in due course.

    1726122 2024-09-09 2024-11-30 season.coming
      Local authorities’ allocations of the CSBG will be confirmed this autumn.

    1675383 2023-12-13 2024-02-29 season.coming # winter 2023 ends in February 2024, a leap year
      This fund will strengthen urgent and emergency care resilience and performance this winter by
      preventing avoidable admissions or by reducing discharge delays.

    1752229 2025-01-13 2025-08-31 season.coming # "for the spring" has no lead
      We plan to publish the Strategy in summer with an interim report planned for the spring.

    1677838 2023-12-18 2024-08-31 season.next
      Further breakdowns of headline measures will be published next summer.

    1832056 2025-09-09 2025-11-30 season.this_year
      For England, we will legislate in Autumn this year.

    1832848 2025-09-11 2025-08-31 season.named # passed already, but the only time named
      A comprehensive review of the higher-risk regime is scheduled for 2027, and the Building
      Safety Regulator is expected to publish its initial review and ongoing review by the end of
      summer 2025.

    1849069 2025-11-11 2026-02-28 season.from # winter 2025/26 ends in February 2026
      The Government has increased the level at which Winter Fuel Payments are means-tested in
      England and Wales from winter 2025/26 so that the vast majority of pensioners – around 9
      million individuals – will benefit from them.

    1847993 2025-11-10 2026-03-31 month.named # the first deadline; the decade comes after
      The Public Health Functions Agreement between the Department and NHS England sets a target to
      invite 50% of the eligible population by March 2026, with full implementation planned by the
      end of the decade.

    1754113 2025-01-15 2025-01-31 month.named
      Details of Cabinet Office structure and salaries are due to be published by the end of January
      2025 as part of regular transparency reporting.

    1828842 2025-09-05 2026-01-31 month.named # "for 2024/25" is what the data covers
      Defra are currently collecting the 2024/25 data; data on farm investment income for 2024/25
      will be published in January 2026.

    1740865 2024-11-14 2024-11-30 month.named # "late November" keeps the month's end
      We will be publishing a policy statement in late November, where we will set out our
      intentions for reform of the local government finance system, including a multi-year
      settlement starting in 2026-27.

    1905020 2026-05-19 2026-06-30 month.named # 12 May 2025 is past context; June is the next June
      The tighter Basic Compliance Assessment (BCA) metrics, set out in the Immigration White Paper
      on 12 May 2025, will come into effect in June.

    1830673 2025-09-04 2026-04-30 month.from
      We anticipate the School Support Staff Negotiating Body (SSSNB) will be operational from April
      2026.

    1879719 2026-02-12 2026-04-30 month.from # no year: the coming April
      The Government also acted at Budget to take an average £150 of costs off domestic bills in
      Great Britain from April, and it continues to work with the NI Executive on measures to bring
      down energy costs for households in Northern Ireland.

    1727754 2024-09-30 2029-09-30 relative.count_years # beats "from October"
      Support includes delivering the £150 Warm Home Discount for low-income households from
      October, extending the Household Support Fund with £421 million, to ensure local authorities
      can support vulnerable people and families, ensuring around 1.3 million households in England
      and Wales will continue to receive up to £300 in Winter Fuel Payments, and through our
      commitment to protect the triple lock, over 12 million pensioners will benefit, with many
      expected to see their State Pension increase by more than £1,000 over the next five years.

    1879890 2026-02-12 2026-07-31 month.from # a start alone; "this year" belongs to July
      Domestic maritime emissions will be subject to the UK Emissions Trading Scheme (ETS) from July
      this year.

    1868524 2026-01-12 2026-01-31 month.this_next
      We are considering feedback received through this process, and we plan to publish guidance
      this month.

    1722600 2024-07-30 2025-03-31 fy.this_next # July 2024 is in 2024-25
      We will deliver over 10,000 drones (both aerial and maritime) to Ukraine this financial year,
      with deliveries well underway.

    1831130 2025-09-12 2027-03-31 fy.this_next # the next after 2025-26
      We expect any site development and capital deployment to occur in the next financial year.

    1818372 2025-07-09 2029-03-31 range.fy
      Defra’s settlement will invest more than £2.7 billion a year in sustainable farming and nature
      recovery from 2026-27 until 2028-29.

    1739632 2024-11-15 undated vague.earliest_opportunity # "for next year": what, not when
      For next year, 2025/26, the allocation for the NHS Norfolk and Waveney Integrated Care Board
      will be set out alongside planning guidance for the next financial year at the earliest
      opportunity, and is therefore not currently available.

    1721292 2024-07-31 undated vague.in_due_course # "for the 2025/26 academic year": what, not when
      An announcement on student finance arrangements for the 2025/26 academic year will be made in
      due course.

    1847733 2025-11-12 2027-07-31 academic.from # academic years end on 31 July
      The department is reforming the Strategic Priorities Grant from the 2026/27 academic year to
      ensure funding for courses aligns with the Industrial Strategy and future skills needs.

    1678144 2023-12-19 2024-03-31 quarter.calendar
      We intend to publish our consultation on voluntary carbon and nature markets in Q1 2024.

    1676846 2023-12-14 2024-03-31 quarter.financial # financial Q4: January-March 2024
      Ofcom are carrying out a review of the future communication needs of the utilities
      (electricity, gas, and water) that is due for publication in Q4 2023-2024.

    1905843 2026-05-19 2030-03-31 date.by
      However, the Department intends for all funded schemes to be completed and reopened to traffic
      by 31 March 2030.

    1747099 2024-12-12 2024-12-21 date.by # no year: the next 21 December
      The letters sent to these households encourage them to claim Pension Credit by 21 December
      which is the latest date for making a successful backdated claim and still receive a Winter
      Fuel payment.

    1740446 2024-11-18 2026-04-06 date.from
      The allowance will be £1 million from 6 April 2026.

    1676664 2023-12-15 2023-12-29 relative.days # two weeks
      I plan to visit Guyana in the coming days to further show our support for the Guyanese people
      on this vital issue.

    1725999 2024-09-09 2024-11-04 relative.weeks # the first deadline; "in the autumn" comes after
      We will set out further details of the Taskforce in the coming weeks, ahead of the appointment
      of the other Taskforce members and its first meeting in the autumn.

    1722830 2024-07-29 2025-01-29 relative.months # six months
      We will provide further details on these panels in the coming months.

    1724417 2024-09-06 2025-09-06 relative.year
      The New Towns Taskforce will be responsible for recommending locations for new towns within
      the next year.

    1867515 2026-01-12 2029-01-12 relative.count_years
      The scheme will be reviewed within three years, including it has helped to reduce fuel prices.

    1722488 2024-07-25 2029-07-25 relative.count_years
      In our manifesto, we committed to hiring 300 planners over the next five years.

    1879170 2026-02-11 undated relative.of_event # counted from an event, not the answer
      The Government is considering each response to the consultation with the seriousness the issue
      deserves, and will publish its response within 12 weeks of the consultation’s closing date.

    1886593 2026-03-10 undated vague.in_due_course
      We will set out further details in due course.

    1898159 2026-04-16 undated vague.parliamentary_time
      The Government is committed to introducing legislation when parliamentary time allows.

    1722603 2024-07-30 undated vague.soon
      Further details on how the Government will deliver the next generation of new towns will be
      provided in the near future.

    1877673 2026-02-10 undated vague.coming_years
      We will continue progressing this work in the coming years.

    1754078 2025-01-13 2029-08-15 parliament.this # the latest polling day
      The UK banking sector has committed to deliver these hubs by the end of this parliament.

    1679045 2024-01-10 2025-01-28 parliament.this # the 2019 Parliament
      We are spending £6bn this Parliament and a further £6bn to 2028 on making buildings, including
      private rented properties, cleaner and warmer.

    1832427 2025-09-12 2033-12-31 decade.early
      The UK’s £300m HALEU programme will be the first commercial scale capability outside of Russia
      and is due to deliver in the early 2030s.

    1727163 2024-09-09 2029-12-31 decade.named # "in 2022" is past
      The Net Zero Hydrogen Fund, launched in 2022, aims to support the commercial deployment of new
      low carbon hydrogen production projects during the 2020s.

    1754000 2025-01-16 none -
      The figures included below are in 2023/24 prices.

    1858969 2025-12-04 none -
      Earlier this autumn, the UK and the EU entered into formal negotiations on a bilateral
      agreement to facilitate UK participation in SAFE.

    1677807 2023-12-18 none - # a possessive: this autumn's campaign
      The Government’s Chief Medical Officer, Professor Sir Chris Whitty, also wrote to the main
      charities representing the clinically most vulnerable patient cohorts, to publicise this
      autumn’s campaign, and to enable them to signpost the offer to their patient communities.

    1678558 2024-01-11 none - # "five-year" is an adjective
      Those who already have a family visa within the five-year partner route, or who apply before
      the minimum income threshold is raised, will continue to have their applications assessed
      against the current income requirement and will not be required to meet the increased
      threshold.
"""

# Made up, for the edges of the rules the corpus does not reach: "<case> <date answered>
# <deadline> <rule>", then the sentence.
MADE_UP = """
    end-of-the-year 2025-09-10 2025-12-31 year.this_next
      We will publish the review by the end of the year.

    this-year 2025-09-10 2025-12-31 year.this_next
      The scheme will open this year.

    upper-case 2025-09-10 2025-12-31 year.this_next # matching ignores case
      The plan will be published LATER THIS YEAR.

    later-next-year 2025-09-10 2026-12-31 year.this_next
      The strategy will follow later next year.

    start-of-a-year 2025-09-10 2025-12-31 year.before # by the start of 2026: before 1 January
      The new system will be live by the start of 2026.

    mid-year 2025-09-10 2026-06-30 year.mid # the middle of the year: 30 June
      We expect the first contracts to be signed by mid-2026.

    spring-on-31-may 2025-05-31 2025-05-31 season.coming # spring is not over until 31 May
      We will publish the guidance in the spring.

    spring-on-1-june 2025-06-01 2026-05-31 season.coming # from 1 June, next spring
      We will publish the guidance in the spring.

    early-spring 2025-09-10 2026-05-31 season.coming # "early" keeps the season's end
      The consultation will open early in the spring.

    winter-in-february 2026-02-10 2026-02-28 season.coming # the winter under way
      The campaign will run this winter.

    winter-in-march 2026-03-01 2027-02-28 season.coming # last winter is over: the next
      The campaign will run over the winter.

    march-in-march 2025-03-20 2025-03-31 month.named # the March not yet over is this one
      The report will be laid in March.

    march-in-september 2025-09-10 2026-03-31 month.named
      The report will be laid by the end of March.

    next-month 2025-12-15 2026-01-31 month.this_next # December's next month is January
      We will respond next month.

    months-from-31-august 2025-08-31 2026-02-28 relative.months # six months on, kept in February
      We will set out next steps in the coming months.

    within-a-year 2025-09-10 2026-09-10 relative.count_years
      The review will be completed within a year.

    financial-year-span 2025-09-10 2026-03-31 fy.named
      The funding will be spent in 2025-26.

    named-financial-year 2025-09-10 2026-03-31 fy.named
      The grant will be paid in the 2025/26 financial year.

    this-fy-on-31-march 2026-03-31 2026-03-31 fy.this_next # still 2025-26
      The review will conclude by the end of this financial year.

    this-fy-on-1-april 2026-04-01 2027-03-31 fy.this_next # 2026-27 has begun
      The review will conclude by the end of this financial year.

    next-fy 2025-09-10 2027-03-31 fy.this_next
      Allocations will be confirmed next financial year.

    q1-2026 2025-09-10 2026-03-31 quarter.calendar # calendar quarters
      We will launch the service by Q1 2026.

    first-quarter 2025-09-10 2026-03-31 quarter.calendar
      The pilot will start in the first quarter of 2026.

    end-of-the-parliament 2025-09-10 2029-08-15 parliament.this
      We will end the use of hotels by the end of the Parliament.

    after-this-parliament 2030-01-01 undated parliament.this # no Parliament on the list
      We will end the use of hotels by the end of this Parliament.

    by-a-day 2025-09-10 2026-03-31 date.by
      Applications must be made by 31 March 2026.

    on-a-day 2025-09-10 2026-04-01 date.on
      The new rules will come into force on 1 April 2026.

    before-a-day 2025-09-10 2026-03-31 date.before # the day before 1 April
      The order will be laid before 1 April 2026.

    deadline-over-start 2025-09-10 2026-12-31 year.named # a deadline beats a start
      From April 2026, councils will be able to apply, and all will be funded by the end of 2026.

    mid-decade 2025-09-10 2036-12-31 decade.mid # 2034-2036
      The new ships will enter service by the mid-2030s.

    past-year 2025-09-10 2023-12-31 year.named # a past year still resolves
      In 2023, we published the strategy.

    figures-of-a-year 2025-09-10 undated vague.in_due_course # "The 2025 figures" has no lead
      The 2025 figures will be published in due course.
"""

# No time for a promise in any of these: durations, ages, amounts, recurrences, names.
NEVER = """
    The helpline is open 24 hours a day.
    The scheme was closed two years ago.
    Children aged 16 and 17 will be eligible from the age of 18.
    The grant is worth £2026 per pupil.
    Spending has grown year-on-year.
    We publish these statistics each year, and every year the grant is £5,000 per year.
    Funding was confirmed at the 2025 Spending Review.
    The duty is set out in the Health and Care Act 2022.
    The Chancellor will set out the fiscal position in the Spring Statement.
    Allocations for 2025-26 have been confirmed.
"""


def _cases(table: str) -> list:
    cases = []
    for block in table.strip().split("\n\n"):
        head, *lines = block.strip().split("\n")
        case, answered, expected, rule = head.split("#")[0].split()
        sentence = " ".join(line.strip() for line in lines)
        cases.append(pytest.param(sentence, answered, expected, rule, id=case))
    return cases


def _check(sentence: str, answered: str, expected: str, rule: str) -> None:
    found = find_deadline(sentence, datetime.date.fromisoformat(answered))
    if expected == "none":
        assert found is None
        return
    assert found is not None
    assert found.rule == rule
    assert found.date == (None if expected == "undated" else datetime.date.fromisoformat(expected))
    assert found.words in sentence


@pytest.mark.parametrize(("sentence", "answered", "expected", "rule"), _cases(REAL))
def test_real_sentences(sentence: str, answered: str, expected: str, rule: str) -> None:
    _check(sentence, answered, expected, rule)


@pytest.mark.parametrize(("sentence", "answered", "expected", "rule"), _cases(MADE_UP))
def test_the_edges_of_the_rules(sentence: str, answered: str, expected: str, rule: str) -> None:
    _check(sentence, answered, expected, rule)


@pytest.mark.parametrize("sentence", NEVER.strip().split("\n"))
def test_what_is_no_deadline(sentence: str) -> None:
    assert find_deadline(sentence, datetime.date(2025, 9, 10)) is None


def test_the_words_are_kept_exactly_as_written() -> None:
    sentence = "The plan will be published Later this\u00a0year, as promised."
    found = find_deadline(sentence, datetime.date(2025, 9, 10))
    assert found is not None and found.words == "Later this\u00a0year"


def test_every_entry_finds_itself_in_its_own_example() -> None:
    for entry in load_lexicon("deadlines"):
        if entry["kind"] != "words":
            found = time_phrases(entry["example"], datetime.date(2025, 9, 10))
            assert entry["id"] in {phrase.deadline.rule for phrase in found}, entry["id"]


def test_the_lexicon_is_compiled_once() -> None:
    assert deadlines._table() is deadlines._table()


@pytest.fixture
def lexicon_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shipped deadline lexicon plus one more entry (its id and keys; label and example are
    added), read from a folder of its own."""
    shipped = (lexicon.LEXICON_DIR / "deadlines.yaml").read_text(encoding="utf-8")

    def write(entry: str) -> None:
        entry = f"  - {{id: {entry}, label: x, example: We will act.}}\n"
        (tmp_path / "deadlines.yaml").write_text(shipped + entry, encoding="utf-8")
        monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
        load_lexicon.cache_clear()
        deadlines._table.cache_clear()

    yield write
    monkeypatch.undo()
    load_lexicon.cache_clear()
    deadlines._table.cache_clear()


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        (
            "bad.slot, kind: deadline, phrase: in a fortnight, pattern: 'in a {fortnight}', "
            "resolves: after_answer, offset_weeks: 2",
            "unknown slot {fortnight}",
        ),
        ("bad.season, kind: deadline, phrase: in the spring, resolves: season_end", "['season']"),
        ("bad.vague, kind: vague, phrase: soon, resolves: year_end", "cannot resolve"),
        (
            "bad.phrase, kind: deadline, phrase: later this year, pattern: 'early {this} year', "
            "resolves: year_end",
            "does not match its own phrase",
        ),
        ("bad.values, kind: words, slot: month, phrase: 'jan|feb', values: [1]", "one value"),
        (
            "bad.span, kind: deadline, phrase: this parliament, resolves: parliament_end, "
            "parliaments: ['2024-07-09 to 2029-08-15']",
            "is not 'YYYY-MM-DD..YYYY-MM-DD'",
        ),
    ],
)
def test_a_bad_entry_fails_naming_the_file_and_the_entry(
    lexicon_with, entry: str, complaint: str
) -> None:
    lexicon_with(entry)
    with pytest.raises(LexiconError) as raised:
        find_deadline("We will act later this year.", datetime.date(2025, 9, 10))
    message, entry_id = str(raised.value), entry.split(",")[0]
    assert "deadlines.yaml" in message and repr(entry_id) in message and complaint in message


def test_an_entry_outside_the_schema_fails_before_it_is_compiled(lexicon_with) -> None:
    lexicon_with("bad.resolves, kind: deadline, phrase: soon, resolves: fortnight_end")
    with pytest.raises(LexiconError, match=r"deadlines\.yaml entry \d+ .*'resolves' has"):
        find_deadline("We will act later this year.", datetime.date(2025, 9, 10))
