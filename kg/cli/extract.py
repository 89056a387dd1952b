"""``kg extract`` (entities per record as JSON Lines) and ``kg eval`` (scores against a gold file)."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from kg.model import Mention, Problem
from kg.readers import FORMATS

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["eval_command", "extract_command", "read_inputs"]

EXIT_SKIPPED = 1


def _open_text(path: Path) -> TextIO:
    """Open a text file, gzip or not."""
    with path.open("rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _is_id_text_jsonl(path: Path) -> bool:
    """Whether ``path`` holds gold-schema records (``id`` + ``text``, no title/abstract)."""
    try:
        with _open_text(path) as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and "text" in obj and "abstract" not in obj and "title" not in obj
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, EOFError):
        return False
    return False


def read_id_text(path: Path) -> Iterator[tuple[str, str] | Problem]:
    """``(id, text)`` per line of a gold-schema JSON Lines file; bad lines become Problems."""
    try:
        fh = _open_text(path)
    except OSError as err:
        yield Problem(str(path), "", f"cannot read file: {err.strerror or err}")
        return
    with fh:
        try:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"line {number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    yield Problem(str(path), where, f"invalid JSON: {err.msg} (column {err.colno})")
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    yield Problem(str(path), where, "expected a JSON object with a 'text' string")
                    continue
                yield str(obj.get("id", f"{path.name}:{number}")), obj["text"]
        except (UnicodeDecodeError, EOFError, OSError) as err:
            yield Problem(str(path), "", f"cannot decode file: {err}")


def read_inputs(paths: tuple[str, ...], fmt: str | None = None) -> Iterator[tuple[str, str] | Problem]:
    """``(id, text)`` for every record in ``paths``: gold-schema JSONL directly, else via ``kg.readers``."""
    from kg.readers import input_files, read_file

    for item in input_files(paths):
        if isinstance(item, Problem):
            yield item
        elif fmt is None and _is_id_text_jsonl(item):
            yield from read_id_text(item)
        else:
            for rec in read_file(item, fmt):
                if isinstance(rec, Problem):
                    yield rec
                else:
                    yield rec.source_id or rec.arxiv_id or f"{rec.source}:{rec.locator}", rec.text


def model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--model DIR``: use another trained entity model than ``extractors/models/ner``."""
    return click.option(
        "--model",
        type=click.Path(exists=True, file_okay=False),
        help="Entity model dir (default: the shipped one); its span verifier is DIR/verifier.npz.",
    )(func)


def _pipeline(model: str | None) -> Language:
    """The shipped pipeline, or one whose entity model is ``model``."""
    from extractors.ensemble import EnsembleError
    from extractors.pipeline import build_pipeline, load_pipeline, model_overrides

    try:
        return build_pipeline(overrides=model_overrides(model)) if model else load_pipeline()
    except EnsembleError as err:
        raise click.ClickException(str(err)) from err


def mention_json(m: Mention) -> dict[str, Any]:
    """The contract's entity object."""
    return {"start": m.start, "end": m.end, "type": m.type, "text": m.text, "score": round(m.score, 4),
            "canonical": m.canonical or m.text}  # fmt: skip


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write JSON Lines here.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Input format (default: detected).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1))
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(1), help="Worker processes.")
@model_option
def extract_command(
    inputs: tuple[str, ...], output: str | None, fmt: str | None, batch_size: int, n_process: int, model: str | None
) -> None:
    """Extract Method/Dataset/Metric/Task entities: one JSON line per record with character offsets."""
    from extractors.pipeline import extract

    nlp = _pipeline(model)

    problems: list[Problem] = []
    ids: list[str] = []

    def texts() -> Iterator[str]:
        for item in read_inputs(inputs, fmt):
            if isinstance(item, Problem):
                problems.append(item)
                click.echo(f"skipped {item}", err=True)
                continue
            ids.append(item[0])
            yield item[1]

    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for k, mentions in enumerate(extract(texts(), batch_size=batch_size, n_process=n_process, nlp=nlp)):
            row = {"id": ids[k], "entities": [mention_json(m) for m in mentions]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if problems:
        click.echo(f"{len(problems)} record(s) skipped", err=True)
        sys.exit(EXIT_SKIPPED)


def _predictions_for(path: Path, records: list[dict]) -> list[list[dict]]:
    """The entities ``path`` (a ``kg extract`` output) gives each gold record, by id; a record it lacks gets none,
    and the count of such records is reported on stderr (a file of another gold set, or a cut-short run)."""
    preds = _load_predictions(path)
    ids = [str(r.get("id")) for r in records]
    missing = [i for i in ids if i not in preds]
    if missing:
        shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        click.echo(f"{path}: no line for {len(missing)} of {len(ids)} gold records ({shown}): scored as "
                   "finding nothing", err=True)  # fmt: skip
    return [preds.get(i, []) for i in ids]


def _load_predictions(path: Path) -> dict[str, list[dict]]:
    """``id -> entities`` from a ``kg extract`` output file."""
    preds: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                preds[str(row["id"])] = list(row["entities"])
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise click.ClickException(f"{path}: line {number}: not a kg extract line ({err})") from err
    return preds


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False), help="Score this kg extract output "
              "instead of running the pipeline.")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), help="Only the first N gold records.")
@click.option("--every", type=click.IntRange(1), default=1, help="Only every K-th record, from the first "
              "(the TDMSci dev slice is --every 5 on tdmsci/train.jsonl).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--ci", is_flag=True, help="Add 95% bootstrap intervals of exact F1 (records resampled).")
@click.option("--compare", "other", type=click.Path(exists=True, dir_okay=False), help="Also score this kg extract "
              "output and compare: F1 difference, its 95% interval, how often it wins (paired bootstrap).")  # fmt: skip
@click.option("--resamples", default=1000, show_default=True, type=click.IntRange(10), help="For --ci and --compare.")
@click.option("--seed", default=0, show_default=True, type=int, help="Of the resampling, for --ci and --compare.")
@click.option("--errors", "top_errors", type=click.IntRange(1), help="List the N most frequent errors of each "
              "kind: spurious, missed, boundary, wrong type, overlaps another type.")  # fmt: skip
@model_option
def eval_command(
    gold: str,
    predictions: str | None,
    limit: int | None,
    every: int,
    as_json: bool,
    ci: bool,
    other: str | None,
    resamples: int,
    seed: int,
    top_errors: int | None,
    model: str | None,
) -> None:
    """Score the pipeline on GOLD.jsonl: per type and micro, exact and overlap precision/recall/F1."""
    from extractors.evaluate import format_scores, read_gold, score_records

    try:
        records = list(read_gold(Path(gold)))
    except (ValueError, UnicodeDecodeError) as err:
        raise click.ClickException(str(err)) from err
    records = records[::every]
    records = records[:limit] if limit else records
    if predictions:
        predicted = _predictions_for(Path(predictions), records)
    else:
        from extractors.pipeline import extract

        predicted = [
            [{"start": m.start, "end": m.end, "type": m.type} for m in ms]
            for ms in extract((r["text"] for r in records), nlp=_pipeline(model))
        ]

    def with_gold(found: list[list[dict]]) -> list[tuple[list[dict], list[dict]]]:
        return [(r.get("entities", []), p) for r, p in zip(records, found, strict=True)]

    pairs = with_gold(predicted)
    scores = score_records(pairs)
    report: dict[str, Any] = {"gold": gold, "records": scores.records, "scores": scores.as_dict()}
    text = [format_scores(scores, f"{gold} ({scores.records} records)")]
    if (ci or other) and not records:
        raise click.ClickException(f"{gold}: no records to resample")
    if ci or other:
        from extractors import bootstrap

        counts = bootstrap.record_counts(pairs)
        report["resamples"], report["seed"] = resamples, seed
    if ci:
        found = bootstrap.intervals(counts, resamples, seed)
        report["exact_f1_interval"] = {row: list(bounds) for row, bounds in found.items()}
        text.append(bootstrap.format_intervals(found, resamples))
    if other:
        theirs = _predictions_for(Path(other), records)
        other_counts = bootstrap.record_counts(with_gold(theirs))
        compared = bootstrap.compare(counts, other_counts, resamples, seed)
        report["compared_with"] = other
        report["comparison"] = {row: vars(d) for row, d in compared.items()}
        text.append(bootstrap.format_comparison(compared, other, resamples))
    if top_errors:
        from extractors.errors import collect_errors, format_errors

        errors = collect_errors((r["text"], gold, p) for r, (gold, p) in zip(records, pairs, strict=True))
        report["errors"] = errors.as_dict(top_errors)
        text.append(format_errors(errors, top_errors))
    click.echo(json.dumps(report, indent=1) if as_json else "\n\n".join(text))
