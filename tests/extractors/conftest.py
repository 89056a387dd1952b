"""Shared fixtures: small pipelines built from single components (no trained model needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import extractors.pipeline  # noqa: F401  (registers the factories)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the test modules import scoring_cases


@pytest.fixture(scope="session")
def sent_abbr_nlp() -> Language:
    """Sentences + abbreviations only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences_v1")
    nlp.add_pipe("kg_abbreviations_v1")
    return nlp
