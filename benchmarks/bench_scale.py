"""Speed and memory at scale; prints numbers, asserts nothing (``make bench`` runs it).

    python benchmarks/bench_scale.py                 # textstat alone vs score_answers, and a
                                                     # warm-cache report, on the shared corpus
    python benchmarks/bench_scale.py --million       # also 1,000,000 synthetic answers, streamed
    python benchmarks/bench_scale.py --part textstat|score|stages|long|report|million  # one part
    python benchmarks/bench_scale.py --part million --answers 200000   # a smaller streamed run

Each part runs in a fresh process so its peak memory (maximum resident set size, the process and
its worker processes) is its own. "textstat alone" is the five formulas of textstat
(Flesch reading ease, Flesch-Kincaid, Gunning fog, SMOG, Dale-Chall) on each answer's text;
"score_answers" is everything the project computes, from the raw text, with no cache.
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

from analysis.paths import SNAPSHOT


def _answers() -> pd.DataFrame:
    from analysis import load_answers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answers = load_answers(SNAPSHOT)
    return answers[~answers["is_holding_answer"]].reset_index(drop=True)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # kilobytes on Linux


def part_textstat() -> dict:
    import textstat

    import analysis.measures.readability  # noqa: F401  (gives textstat the packaged CMU dictionary)

    texts = _answers()["answer"].tolist()
    start = time.perf_counter()
    for text in texts:
        textstat.flesch_reading_ease(text)
        textstat.flesch_kincaid_grade(text)
        textstat.gunning_fog(text)
        textstat.smog_index(text)
        textstat.dale_chall_readability_score(text)
    seconds = time.perf_counter() - start
    return {"answers": len(texts), "seconds": seconds, "peak_mb": _peak_mb()}


def part_score() -> dict:
    from analysis.measures.scoring import score
    from analysis.pipeline.processes import default_workers

    answers = _answers()
    start = time.perf_counter()
    result = score(answers)
    seconds = time.perf_counter() - start
    return {
        "answers": len(answers),
        "sentences": len(result.sentences),
        "workers": default_workers(),
        "seconds": seconds,
        "peak_mb": _peak_mb(),
    }


def part_report() -> dict:
    """``answer-language report`` into a scratch folder twice: the first run fills the score
    cache, the second is the warm run (new tables built from the cache, every notebook run)."""
    from analysis.reporting import build as report

    with tempfile.TemporaryDirectory() as scratch:
        processed = Path(scratch) / "data" / "processed"
        out = Path(scratch) / "reports"
        cold_start = time.perf_counter()
        report.run(corpus=str(SNAPSHOT), out=str(out), processed_dir=str(processed))
        cold = time.perf_counter() - cold_start
        (processed / "meta.json").unlink()  # as after a new month: the tables must be rebuilt
        warm_start = time.perf_counter()
        report.run(corpus=str(SNAPSHOT), out=str(out), processed_dir=str(processed))
        warm = time.perf_counter() - warm_start
        meta = json.loads((processed / "meta.json").read_text())
    return {
        "cold_seconds": cold,
        "warm_seconds": warm,
        "texts_scored_warm": meta["texts_scored"],
        "texts_from_cache_warm": meta["texts_from_cache"],
        "peak_mb": _peak_mb(),
    }


def part_million(total: int = 1_000_000, chunk_size: int = 20_000) -> dict:
    """The corpus repeated with new ids (and new answer groups) to ``total`` answers, each text
    made different from every other, scored chunk by chunk (analysis.measures.streaming) with a
    fresh per-text cache."""
    from analysis.measures.streaming import score_in_chunks
    from analysis.pipeline.score_cache import ScoreCache

    base = _answers()
    timings: list[tuple[int, float]] = []

    def copies():
        copy = 0
        while True:
            frame = base.copy()
            frame["id"] = f"{copy}-" + frame["id"].astype(str)
            frame["answer_group"] = f"{copy}-" + frame["answer_group"].astype(str)
            # Every text different (no cache hit, no repeated text scored once): each answer
            # gains a closing sentence naming its own new id.
            frame["answer"] = frame["answer"].astype(str) + "\n\nReference " + frame["id"] + "."
            yield frame
            copy += 1

    def chunks():
        made, pending = 0, []
        for frame in copies():
            pending.append(frame)
            waiting = sum(len(f) for f in pending)
            while waiting >= chunk_size or made + waiting >= total:
                joined = pd.concat(pending, ignore_index=True)
                size = min(chunk_size, total - made)
                part, rest = joined.iloc[:size], joined.iloc[size:]
                pending, waiting = ([rest] if len(rest) else []), len(rest)
                # score_in_chunks asks for a chunk only when the one before is written: the
                # time now is when the first ``made`` answers were done.
                timings.append((made, time.perf_counter() - began))
                yield part
                made += len(part)
                if made >= total:
                    timings.append((made, time.perf_counter() - began))
                    return

    with tempfile.TemporaryDirectory() as scratch:
        cache = ScoreCache(Path(scratch) / "scores.sqlite")
        began = time.perf_counter()
        summary = score_in_chunks(chunks(), Path(scratch) / "out", cache=cache)
        seconds = time.perf_counter() - began
    # Rate over the first and the second half of the chunks: equal when time is linear.
    marks = dict(timings)
    half = min(marks, key=lambda m: abs(m - total // 2))
    scored_at = marks[max(marks)]
    return {
        "answers": summary.answer_count,
        "sentences": summary.sentence_count,
        "distinct_paragraphs": summary.distinct_paragraph_count,
        "stock_lines": summary.stock_line_count,
        "seconds": seconds,
        "answers_first_half": half,
        "seconds_first_half": marks[half],
        "seconds_second_half": scored_at - marks[half],
        "seconds_after_scoring": seconds - scored_at,
        "peak_mb": _peak_mb(),
    }


def _first_rate(m: dict) -> float:
    return m["answers_first_half"] / m["seconds_first_half"]


def _second_rate(m: dict) -> float:
    return (m["answers"] - m["answers_first_half"]) / m["seconds_second_half"]


def part_long(words: int = 400_000) -> dict:
    """One answer of ``words`` words: sentences from the shared corpus, repeated as one long
    paragraph (the worst case for a sentence splitter), scored with every core as
    ``score_answers`` does. ``--words`` sets the length."""
    from analysis.measures.scoring import score
    from analysis.pipeline.processes import default_workers

    sentences = " ".join(_answers()["answer"].head(400).str.replace("\n", " ").tolist()).split()
    text = " ".join((sentences * (words // len(sentences) + 1))[:words])
    start = time.perf_counter()
    scored = score(pd.DataFrame({"answer": [text]})).answers.iloc[0]
    return {
        "workers": default_workers(),
        "words": int(scored["word_count"]),
        "sentences": int(scored["sentence_count"]),
        "seconds": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
    }


def part_stages(count: int = 2000, warm: int = 500) -> dict:
    """Where the time goes: each stage of scoring on ``count`` answers in one process (after
    ``warm`` others fill the word caches), in milliseconds per answer, beside textstat's five
    formulas on the same answers. Minimum of three runs per stage (the machine is shared)."""
    import textstat

    from analysis.labelers.sentence_table import _finish, _rule_record, apply_list_context
    from analysis.labelers.specificity import defined_acronyms
    from analysis.language.text import split_text
    from analysis.measures.learned_asks import answer_statuses
    from analysis.measures.responsiveness import judge_many
    from analysis.measures.reuse import find_stock_lines
    from analysis.measures.scoring import score
    from analysis.measures.texts import _answer_scores

    answers = _answers()
    score(answers.iloc[:warm], workers=1)
    chosen = answers.iloc[warm : warm + count].reset_index(drop=True)
    texts, questions = chosen["answer"].tolist(), chosen["question"].fillna("").tolist()

    def best(run) -> tuple[float, object]:
        times, result = [], None
        for _ in range(3):
            start = time.process_time()
            result = run()
            times.append(time.process_time() - start)
        return min(times), result

    stages: dict[str, float] = {}
    stages["split"], splits = best(lambda: [split_text(t) for t in texts])
    acronyms = [defined_acronyms(t) for t in texts]

    def rules():
        return [
            apply_list_context(
                [
                    _rule_record(s.text, i, s.paragraph, s.is_list_item, a)
                    for i, s in enumerate(split.sentences)
                ]
            )
            for split, a in zip(splits, acronyms, strict=True)
        ]

    stages["rules"], records = best(rules)
    # The learned labelers change the records they read: each run reads its own copy.
    copies = iter([copy.deepcopy(records) for _ in range(3)])
    stages["learned labelers"], _ = best(
        lambda: _finish([r for rs in next(copies) for r in rs], True)
    )
    _finish([r for rs in records for r in rs], True)
    items = [
        (q, rs, split.table_cell_count > 0)
        for q, rs, split in zip(questions, records, splits, strict=True)
    ]
    stages["asks"], _ = best(lambda: answer_statuses([j.asks for j in judge_many(items)]))
    cells = [split.table_cell_count for split in splits]
    stages["answer scores"], _ = best(
        lambda: [_answer_scores(rs, c) for rs, c in zip(records, cells, strict=True)]
    )
    frame = chosen[["answer", "answer_group"]]
    stages["stock lines"], _ = best(lambda: find_stock_lines(frame))
    formulas = (
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.gunning_fog,
        textstat.smog_index,
        textstat.dale_chall_readability_score,
    )
    textstat_seconds, _ = best(lambda: [f(t) for t in texts for f in formulas])
    return {
        "answers": count,
        "sentences": sum(len(rs) for rs in records),
        "ms_per_answer": {k: round(v / count * 1000, 3) for k, v in stages.items()},
        "textstat_ms_per_answer": round(textstat_seconds / count * 1000, 3),
    }


PARTS = {
    "textstat": part_textstat,
    "score": part_score,
    "report": part_report,
    "million": part_million,
    "long": part_long,
    "stages": part_stages,
}
# Lengths of the one long answer: make bench the first two, --million all three.
LONG_WORDS = (40_000, 400_000)
LONG_WORDS_MILLION = (*LONG_WORDS, 4_000_000)


def _run_part(name: str, *extra: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--part", name, *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS))
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--words", type=int, default=400_000, help="length for --part long")
    parser.add_argument(
        "--answers", type=int, default=1_000_000, help="how many answers for --part million"
    )
    args = parser.parse_args()
    if args.part:
        if args.part == "long":
            result = part_long(args.words)
        elif args.part == "million":
            result = part_million(args.answers)
        else:
            result = PARTS[args.part]()
        print(json.dumps(result))
        return
    textstat_run = _run_part("textstat")
    score_run = _run_part("score")
    rate_textstat = textstat_run["answers"] / textstat_run["seconds"]
    rate_score = score_run["answers"] / score_run["seconds"]
    print(f"shared corpus: {score_run['answers']} answers (holding answers left out)")
    print(f"{'':28}{'seconds':>9}{'answers/s':>11}{'peak MB':>9}")
    print(
        f"{'textstat, five formulas':28}{textstat_run['seconds']:9.1f}{rate_textstat:11.0f}"
        f"{textstat_run['peak_mb']:9.0f}"
    )
    print(
        f"{'score_answers, everything':28}{score_run['seconds']:9.1f}{rate_score:11.0f}"
        f"{score_run['peak_mb']:9.0f}   ({score_run['workers']} processes, "
        f"{score_run['sentences']} sentences)"
    )
    ratio = score_run["seconds"] / textstat_run["seconds"]
    print(f"ratio score_answers / textstat (time): {ratio:.2f}")
    stages = _run_part("stages")
    shown = ", ".join(f"{name} {ms:.2f}" for name, ms in stages["ms_per_answer"].items())
    print(
        f"one core, ms per answer ({stages['answers']} answers, {stages['sentences']} sentences): "
        f"{shown}; total {sum(stages['ms_per_answer'].values()):.2f} "
        f"(textstat's five formulas {stages['textstat_ms_per_answer']:.2f})"
    )
    # The stages' work shared perfectly by the processes, with no start-up, against textstat on
    # the same answers (both warm): and the same with the rules' reading costing nothing. Not a
    # measurement of score_answers: it says how near the ratio a change to one stage can bring.
    per_core = stages["ms_per_answer"]
    workers = score_run["workers"]
    shared = sum(per_core.values()) / workers / stages["textstat_ms_per_answer"]
    rules_free = shared * (1 - per_core["rules"] / sum(per_core.values()))
    print(
        f"the stages' work shared by {workers} processes, against textstat on the same answers: "
        f"{shared:.2f} times its time; with the rules' reading free: {rules_free:.2f}"
    )
    for words in LONG_WORDS_MILLION if args.million else LONG_WORDS:
        long_run = _run_part("long", "--words", str(words))
        print(
            f"one answer of {long_run['words']:,} words in one paragraph "
            f"({long_run['sentences']:,} sentences, {long_run['workers']} processes): "
            f"{long_run['seconds']:.1f} s "
            f"({long_run['seconds'] / long_run['words'] * 1e6:.0f} s per million words), "
            f"peak {long_run['peak_mb']:.0f} MB"
        )
    report_run = _run_part("report")
    print(
        f"answer-language report on the shared corpus: cold {report_run['cold_seconds']:.1f} s, "
        f"warm cache {report_run['warm_seconds']:.1f} s "
        f"({report_run['texts_scored_warm']} texts scored, "
        f"{report_run['texts_from_cache_warm']} from the cache)"
    )
    if args.million:
        m = _run_part("million")
        print(
            f"1,000,000 synthetic answers, streamed in chunks of 20,000: {m['seconds']:.0f} s "
            f"({m['answers'] / m['seconds']:.0f} answers/s), peak {m['peak_mb']:.0f} MB; "
            f"{m['sentences']} sentences, {m['distinct_paragraphs']} distinct paragraphs, "
            f"{m['stock_lines']} stock lines; answers/s over the first "
            f"{m['answers_first_half']:,} answers {_first_rate(m):.0f}, over the rest "
            f"{_second_rate(m):.0f}; stock lines and pass 2 after scoring "
            f"{m['seconds_after_scoring']:.0f} s"
        )


if __name__ == "__main__":
    main()
