"""The public API: extract() offsets, chunking of long texts, config assembly."""

from __future__ import annotations

from pathlib import Path

from extractors.pipeline import build_pipeline, chunks, extract, load_pipeline


def test_pipeline_is_assembled_from_the_config() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names == ["sentences", "abbreviations", "kb", "patterns", "ner", "verifier", "resolver"]
    assert load_pipeline() is nlp  # cached


def test_offsets_index_the_given_text() -> None:
    texts = ["LoRA for LLMs\n\nWe propose Low-Rank Adaptation (LoRA). LoRA is evaluated on ImageNet-1K.", "", "hello"]
    results = list(extract(texts))
    assert len(results) == 3 and results[1] == []
    for text, mentions in zip(texts, results, strict=True):
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.type in {"Method", "Dataset", "Metric", "Task"}
            assert 0.0 <= m.score <= 1.0
            assert m.sentence_start is not None and m.sentence_start <= m.start < m.end <= m.sentence_end
    lora = [m for m in results[0] if m.text == "LoRA" and m.start > 50]
    assert lora and lora[0].canonical == "Low-Rank Adaptation"
    assert not any(m.text.endswith(".") for m in results[0])


def test_chunks_cover_the_text_at_paragraph_boundaries() -> None:
    text = ("A paragraph about BERT on SQuAD. " * 50 + "\n\n") * 40
    pieces = list(chunks(text, size=5000))
    assert len(pieces) > 1 and "".join(p for _, p in pieces) == text
    assert all(len(p) <= 5000 for _, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_long_input_keeps_offsets() -> None:
    paragraph = "We evaluate BERT on the SQuAD dataset in terms of F1. " * 20 + "\n\n"
    text = paragraph * 300  # about 330k characters, more than one chunk
    # rules and KB only (no trained model), to keep the test fast: chunking is the pipeline's job
    nlp = build_pipeline(overrides={"components.ner.model_path": str(Path(__file__).parent / "no-model")})
    mentions = next(extract([text], nlp=nlp))
    assert len(mentions) > 300
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert max(m.start for m in mentions) > 200_000


def test_two_processes_give_the_same_mentions_in_order() -> None:
    texts = [f"Paper {i}\n\nWe evaluate BERT on the SQuAD dataset in terms of F1." for i in range(40)] + ["", "x"]
    assert list(extract(texts, batch_size=4, n_process=2)) == list(extract(texts, batch_size=4))


def test_hardware_and_number_formats_are_not_entities() -> None:
    text = "We fine-tune BERT on SQuAD with 8 A100 GPUs in FP16 and deploy it on a Raspberry Pi in INT4."
    found = {m.text for m in next(extract([text]))}
    assert {"BERT", "SQuAD"} <= found
    assert not found & {"A100", "GPUs", "A100 GPUs", "FP16", "Raspberry Pi", "INT4"}


def test_venues_with_or_without_a_year_are_not_entities() -> None:
    text = "Our shared task at LREC 2020 follows FOCS 2015 and SICOMP for COLING. We evaluate on the ACL Anthology."
    found = {m.text for m in next(extract([text]))}
    assert not found & {"LREC", "LREC 2020", "FOCS", "FOCS 2015", "SICOMP", "COLING"}
    assert "ACL Anthology" in found  # a longer name around a venue is still one


def test_relation_cues_alone_are_no_entities() -> None:
    """ "the problem of X" and "in terms of Y" make no entity the model does not find; a measure's name does."""
    found = {(m.text, m.type) for m in next(extract(["We tackle the problem of comparing them, but only in part."]))}
    assert ("comparing them", "Task") not in found
    text = "Our method wins in terms of graph structure and Spearman correlations with human judgments."
    found = {(m.text, m.type) for m in next(extract([text]))}
    assert ("graph structure", "Metric") not in found
    assert ("Spearman correlations", "Metric") in found
