"""Ensemble members of a trained entity model: more NER models decoded together with it.

A model directory (``extractors/models/ner`` or any ``--model DIR``) may hold ``members/<name>/``: spaCy
pipelines (``tok2vec`` + ``ner``, the same actions) saved without their ``vocab``, since they read the
main model's floret vectors through the shared vocab. Each member's ``meta.json`` records the fingerprint
of the vectors it was trained with (``kg_vectors``); a member whose fingerprint differs from the main
model's vectors is refused, since it would run on vectors it never saw. :class:`extractors.ner.NERCandidates`
loads the members and :class:`extractors.greedy_ner.GreedyNER` decodes all models as one ensemble (each
step the action with the highest summed log probability); the main model's token vectors stay the ones
the span verifier reads.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.vectors import Vectors
from spacy.vocab import Vocab

__all__ = [
    "FINGERPRINT_KEY",
    "MEMBERS_DIR",
    "EnsembleError",
    "add_member",
    "load_members",
    "member_dirs",
    "vectors_fingerprint",
]

MEMBERS_DIR = "members"
FINGERPRINT_KEY = "kg_vectors"


class EnsembleError(ValueError):
    """A member that cannot join its model's ensemble (other vectors, not a model)."""


def vectors_fingerprint(vectors: Vectors) -> str:
    """SHA-256 of the vectors' table and their floret settings: equal only for the same vectors."""
    digest = hashlib.sha256()
    settings = [vectors.mode, vectors.shape, vectors.minn, vectors.maxn, vectors.hash_count, vectors.hash_seed]
    digest.update(json.dumps([str(s) for s in settings] + [vectors.bow, vectors.eow]).encode())
    digest.update(vectors.data.tobytes())
    return digest.hexdigest()


def member_dirs(model_dir: Path) -> list[Path]:
    """The member pipelines under ``model_dir/members``, by name."""
    root = model_dir / MEMBERS_DIR
    return sorted(p for p in root.iterdir() if (p / "meta.json").is_file()) if root.is_dir() else []


def load_members(model_dir: Path, vocab: Vocab) -> list[Language]:
    """Load ``model_dir``'s members into ``vocab`` (which holds the main model's vectors)."""
    dirs = member_dirs(model_dir)
    if not dirs:
        return []
    expected = vectors_fingerprint(vocab.vectors)
    members = []
    for path in dirs:
        try:
            recorded = json.loads((path / "meta.json").read_text(encoding="utf-8")).get(FINGERPRINT_KEY)
        except (OSError, ValueError, AttributeError) as err:
            raise EnsembleError(f"{path}/meta.json: not a readable spaCy meta.json ({err})") from err
        if recorded != expected:
            raise EnsembleError(
                f"{path}: ensemble member trained on other vectors than {model_dir} "
                f"({FINGERPRINT_KEY} {recorded!r} in its meta.json); retrain it with "
                f"`python -m extractors.training.train --member-of {model_dir}`"
            )
        members.append(spacy.load(path, vocab=vocab))
    return members


def add_member(model_dir: Path, member: Path, name: str) -> Path:
    """Copy the trained pipeline ``member`` into ``model_dir/members/name``, without its vocab.

    It must have been trained on ``model_dir``'s vectors (same fingerprint) and predict the same actions.
    """
    main = spacy.load(model_dir)
    candidate = spacy.load(member)
    fingerprint = vectors_fingerprint(main.vocab.vectors)
    if vectors_fingerprint(candidate.vocab.vectors) != fingerprint:
        raise EnsembleError(f"{member}: trained on other vectors than {model_dir}; retrain it with --member-of")
    if "ner" not in candidate.pipe_names or list(candidate.get_pipe("ner").move_names) != list(
        main.get_pipe("ner").move_names
    ):
        raise EnsembleError(f"{member}: its NER actions differ from {model_dir}'s")
    target = model_dir / MEMBERS_DIR / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(member, target, ignore=shutil.ignore_patterns("vocab"))
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta[FINGERPRINT_KEY] = fingerprint
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return target
