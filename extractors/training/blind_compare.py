"""Compare two extractors where no gold exists (the seeds): a blind judging sheet of the mentions they disagree on.

``python -m extractors.training.blind_compare sheet INPUT A.jsonl B.jsonl --out DIR [--sample 60] [--seed 32]``
takes two ``kg extract INPUT`` outputs, draws ``--sample`` mentions only A has and as many only B has, shuffles them
and writes ``DIR/sheet.tsv`` (number, type, mention, its sentence with the mention in ``[[...]]``) and, apart,
``DIR/key.tsv`` (number, A or B). A judge who sees only the sheet writes ``DIR/judgments.tsv`` (number, ``Y`` or
``N``, reason). ``python -m extractors.training.blind_compare score DIR`` then gives each side's share of correct
mentions with a 95% interval and, scaled to all of that side's own mentions, how many correct and wrong mentions
each side has that the other has not.

Hand-checked tests written from one model's correct outputs favour that model by construction; this does not.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from kg.cli.extract import read_inputs

__all__ = ["Mention", "differing", "score", "sentence_around", "write_sheet"]

Mention = tuple[str, dict]  # (record id, entity object of the kg extract contract)


def read_extract(path: Path) -> dict[str, list[dict]]:
    """``kg extract`` output: entities by record id."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row["entities"] for row in rows}


def differing(a: dict[str, list[dict]], b: dict[str, list[dict]]) -> tuple[list[Mention], list[Mention]]:
    """Mentions (same span and type) only ``a`` has, and only ``b`` has, in a stable order."""
    only: tuple[list[Mention], list[Mention]] = ([], [])
    for rec_id in sorted(set(a) | set(b)):
        sides = [{(e["start"], e["end"], e["type"]): e for e in side.get(rec_id, [])} for side in (a, b)]
        for k, (mine, theirs) in enumerate((sides, sides[::-1])):
            only[k].extend((rec_id, mine[key]) for key in sorted(set(mine) - set(theirs)))
    return only


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``, with the mention marked ``[[...]]``."""
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    stop = min(stops) + 1 if stops else len(text)
    return " ".join(f"{text[begin:start]}[[{text[start:end]}]]{text[end:stop]}".split())


def write_sheet(texts: dict[str, str], a: Path, b: Path, out: Path, sample: int, seed: int) -> tuple[int, int]:
    """Write ``out/sheet.tsv`` and ``out/key.tsv``; return how many mentions only A and only B have."""
    only_a, only_b = differing(read_extract(a), read_extract(b))
    rng = random.Random(seed)
    items = [("A", m) for m in rng.sample(only_a, min(sample, len(only_a)))]
    items += [("B", m) for m in rng.sample(only_b, min(sample, len(only_b)))]
    rng.shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    sheet, key = [], []
    for number, (side, (rec_id, ent)) in enumerate(items, start=1):
        context = sentence_around(texts[rec_id], ent["start"], ent["end"])
        sheet.append(f"{number}\t{ent['type']}\t{' '.join(ent['text'].split())}\t{context}\n")
        key.append(f"{number}\t{side}\n")
    (out / "sheet.tsv").write_text("".join(sheet), encoding="utf-8")
    (out / "key.tsv").write_text("".join(key), encoding="utf-8")
    (out / "totals.json").write_text(json.dumps({"A": len(only_a), "B": len(only_b)}) + "\n", encoding="utf-8")
    return len(only_a), len(only_b)


def score(out: Path) -> dict[str, dict[str, float]]:
    """Per side: judged, correct, share correct and its 95% interval (normal), scaled correct and wrong counts."""
    for name in ("key.tsv", "totals.json", "judgments.tsv"):
        if not (out / name).is_file():
            raise SystemExit(f"{out / name}: missing (write the sheet first, then judge it into judgments.tsv)")
    key = dict(line.split("\t")[:2] for line in (out / "key.tsv").read_text(encoding="utf-8").splitlines())
    verdicts = {}
    for number, line in enumerate((out / "judgments.tsv").read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) < 2 or fields[0] not in key or fields[1].strip().upper() not in ("Y", "N"):
            raise SystemExit(f"{out / 'judgments.tsv'}: line {number}: not 'number<TAB>Y|N<TAB>reason'")
        verdicts[fields[0]] = fields[1].strip().upper() == "Y"
    missing = sorted(set(key) - set(verdicts), key=int)
    if missing:
        raise SystemExit(f"{out / 'judgments.tsv'}: no judgment for item(s) {', '.join(missing[:10])}")
    totals = json.loads((out / "totals.json").read_text(encoding="utf-8"))
    result = {}
    for side in ("A", "B"):
        judged = [verdicts[n] for n, s in key.items() if s == side]
        share = sum(judged) / len(judged) if judged else 0.0
        half = 1.96 * math.sqrt(share * (1 - share) / len(judged)) if judged else 0.0
        result[side] = {"judged": len(judged), "correct": sum(judged), "share": share, "interval": half,
                        "scaled_correct": share * totals[side], "scaled_wrong": (1 - share) * totals[side]}  # fmt: skip
    return result


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="blind comparison of two kg extract outputs without gold")
    sub = ap.add_subparsers(dest="command", required=True)
    sheet = sub.add_parser("sheet", help="write the judging sheet and its key")
    sheet.add_argument("input", help="what both outputs were extracted from (any kg extract input)")
    sheet.add_argument("a", type=Path)
    sheet.add_argument("b", type=Path)
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--sample", type=int, default=60)
    sheet.add_argument("--seed", type=int, default=32)
    scoring = sub.add_parser("score", help="score DIR/judgments.tsv against DIR/key.tsv")
    scoring.add_argument("out", type=Path)
    args = ap.parse_args()
    if args.command == "sheet":
        texts = {item[0]: item[1] for item in read_inputs((args.input,)) if isinstance(item, tuple)}
        only_a, only_b = write_sheet(texts, args.a, args.b, args.out, args.sample, args.seed)
        print(f"only A: {only_a}, only B: {only_b}; judge {args.out / 'sheet.tsv'} without {args.out / 'key.tsv'}")
        return
    for side, row in score(args.out).items():
        share = f"{row['correct']} of {row['judged']} correct ({row['share']:.2f} ± {row['interval']:.2f})"
        print(f"{side}: {share}; scaled: {row['scaled_correct']:.0f} correct, {row['scaled_wrong']:.0f} wrong")


if __name__ == "__main__":
    main()
