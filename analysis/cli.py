"""``answer-language``: fetch | score | report | promises.

Each sub-command exits non-zero with a one-line reason, never a traceback, on bad arguments or
unreadable input. Progress and warnings go to stderr; results to the files asked for.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from analysis.sources import fetch
from analysis.sources.loading import AnswerLoadError, AnswerLoadWarning, load_answers


class CommandError(Exception):
    """A reason to stop, shown to the user as one line."""


def _checked_out(args: argparse.Namespace) -> Path:
    """--out, checked before any scoring (which can take minutes), and the inputs exist."""
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise CommandError(f"--out must end in .csv or .parquet, not {out.name!r}")
    for path in args.inputs:
        if not Path(path).exists():
            raise CommandError(f"{path}: no such file or folder")
    blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise CommandError(f"cannot write {out}: {blocking} is a file, not a folder")
    return out


def _load(args: argparse.Namespace):
    """The answers of the inputs, each load warning printed as one line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AnswerLoadWarning)
        answers = load_answers(*args.inputs, strict=args.strict)
    for warning in caught:
        if issubclass(warning.category, AnswerLoadWarning):
            print(f"warning: {warning.message}", file=sys.stderr)
    if answers.empty:
        raise CommandError("no answers found in the input")
    return answers


def _score_command(args: argparse.Namespace) -> int:
    from analysis.measures.scoring import score

    out = _checked_out(args)
    answers = _load(args)
    result = score(answers)
    sentences_out = _beside(out, "sentences")
    # The asks of each question and the paragraphs with their stock lines, beside them.
    _write_all(
        out,
        {
            out: result.answers,
            sentences_out: result.sentences,
            _beside(out, "asks"): result.asks,
            _beside(out, "paragraphs"): result.paragraphs,
        },
    )
    holding = result.answers.attrs.get("holding_answer_count", 0)
    print(
        f"scored {int(result.answers['is_scored'].sum())} answers "
        f"({holding} holding answers counted, not scored); "
        f"{len(result.sentences)} sentences -> {out}, {sentences_out} (and .asks, .paragraphs)",
        file=sys.stderr,
    )
    return 0


def _beside(out: Path, name: str) -> Path:
    """FILE.name.csv beside FILE.csv."""
    return out.with_name(f"{out.stem}.{name}{out.suffix}")


def _write_all(out: Path, frames: dict) -> None:
    """Each frame to its path (CSV or Parquet by the suffix); a failure names --out."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        for path, frame in frames.items():
            _write(frame, path)
    except OSError as error:
        where = error.filename or out
        raise CommandError(
            f"cannot write {out}: {error.strerror or error} ({where}); choose another --out"
        ) from error


def _write(frame, path: Path) -> None:
    if path.suffix.lower() == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)


def _promises_command(args: argparse.Namespace) -> int:
    from analysis.followup import follow_up

    out = _checked_out(args)
    answers = _load(args)
    found = follow_up(answers)
    mentions_out = _beside(out, "mentions")
    _write_all(out, {out: found.threads, mentions_out: found.mentions})
    counts = found.threads["status"].value_counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in counts.index)
    print(
        f"{len(found.threads)} promise threads ({summary or 'none'}) from "
        f"{int(found.mentions['is_promise'].sum())} promises -> {out}, {mentions_out}",
        file=sys.stderr,
    )
    return 0


def _report_command(args: argparse.Namespace) -> int:
    from analysis.reporting import build as report
    from analysis.reporting.slices import ReportSlice

    report_slice = ReportSlice(
        topic=args.topic, department=args.department, date_from=args.date_from, date_to=args.date_to
    )
    return report.run(corpus=args.corpus, out=args.out, report_slice=report_slice)


def _inputs_and_out(parser: argparse.ArgumentParser, beside: str) -> None:
    """INPUT..., --out FILE.csv|FILE.parquet and --strict, as score and promises take them."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("--out", required=True, help=f"FILE.csv or FILE.parquet ({beside})")
    parser.add_argument(
        "--strict", action="store_true", help="stop at the first bad file or record"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="answer-language",
        description="What UK government answers to written questions say and commit to.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    fetch.register(sub)

    score_parser = sub.add_parser("score", help="load answers and score them")
    _inputs_and_out(score_parser, "sentences, asks and paragraphs go beside it")
    score_parser.set_defaults(handler=_score_command)

    report_parser = sub.add_parser("report", help="execute the report notebooks into HTML")
    report_parser.add_argument("--corpus", help="answers to report on (default: see README)")
    report_parser.add_argument("--out", default=None, help="folder for the HTML (reports/)")
    report_parser.add_argument("--topic", help="a word or phrase for the topic report")
    report_parser.add_argument(
        "--department", help="an answering body's name, short name (DHSC) or id"
    )
    report_parser.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="answered on or after"
    )
    report_parser.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="answered on or before"
    )
    report_parser.set_defaults(handler=_report_command)

    promises_parser = sub.add_parser(
        "promises", help="follow promises across answers: threads and their status"
    )
    _inputs_and_out(promises_parser, "the mentions go beside it, FILE.mentions.csv")
    promises_parser.set_defaults(handler=_promises_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (CommandError, AnswerLoadError, OSError, ValueError) as error:
        print(f"answer-language {args.command}: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"answer-language {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
