"""The batched greedy NER decoder finds exactly what spaCy's own decoder finds, under spaCy's BILUO rules."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from extractors.fast_inference import limit_blas_threads, speed_up
from extractors.greedy_ner import GreedyNER, supports

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "extractors" / "models" / "ner"
TEXT = (
    "Low-Rank Adaptation (LoRA) fine-tunes large language models on GLUE and SQuAD. LoRA reduces memory; "
    "we report accuracy and F1 on SQuAD, and LoRA matches full fine-tuning of RoBERTa-large."
)
Found = list[list[tuple[int, int, str]]]


@pytest.fixture(scope="module")
def model() -> Language:
    """The shipped entity model, sped up as the pipeline runs it."""
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    nlp = spacy.load(MODEL)
    speed_up(nlp)
    return nlp


def _seed_paragraphs() -> list[str]:
    """Every paragraph of the seed listings: real titles and abstracts, a few words to a few hundred."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


def _both(model: Language, docs: list[Doc]) -> tuple[Found, Found]:
    """Entities per doc from the greedy decoder, then from spaCy's decoder on the same token vectors."""
    ner = model.get_pipe("ner")
    with limit_blas_threads(1):
        docs = list(model.get_pipe("tok2vec").pipe(docs))
        greedy = GreedyNER(ner)(docs)
        ner.set_annotations(docs, ner.predict(docs))
    return greedy, [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def test_same_entities_as_spacy_on_every_seed_paragraph(model: Language) -> None:
    sentencizer = Sentencizer()
    docs = [sentencizer(doc) for doc in model.tokenizer.pipe([TEXT, *_seed_paragraphs()])]
    assert len(docs) > 300 and sum(len(list(d.sents)) > 1 for d in docs) > 100
    found = 0
    for start in range(0, len(docs), 64):  # the batch size the pipeline uses
        greedy, spacy_found = _both(model, docs[start : start + 64])
        assert greedy == spacy_found
        found += sum(map(len, spacy_found))
    assert found > 1000  # the comparison is over real predictions


def test_entities_stop_at_sentence_starts_and_do_not_begin_on_spaces(model: Language) -> None:
    # Every token starts a sentence: spaCy allows only one-token entities there.
    choppy = model.make_doc(TEXT)
    for token in choppy:
        token.is_sent_start = True
    spaced = model.make_doc(TEXT.replace(" ", "  ").replace("(", "\n("))  # whitespace tokens everywhere
    greedy, spacy_found = _both(model, [choppy, spaced, model.make_doc(TEXT)])
    assert greedy == spacy_found
    assert greedy[0] and all(end - start == 1 for start, end, _ in greedy[0])
    assert greedy[1] and not any(spaced[start].is_space for start, _, _ in greedy[1])
    assert any(end - start > 1 for start, end, _ in greedy[2])  # multi-token entities when allowed


def test_empty_and_one_token_docs_in_a_batch_of_mixed_lengths(model: Language) -> None:
    texts = ["", "LoRA", TEXT, "GLUE", "", TEXT[:40]]
    greedy, spacy_found = _both(model, list(model.tokenizer.pipe(texts)))
    assert greedy == spacy_found
    assert greedy[0] == [] and greedy[4] == []
    assert greedy[1:4:2] == [[(0, 1, greedy[1][0][2])], [(0, 1, greedy[3][0][2])]]  # one-token entities
    assert GreedyNER(model.get_pipe("ner"))([model.make_doc("")]) == [[]]


def test_batches_with_preset_entities_or_one_long_doc_are_left_to_spacy(model: Language) -> None:
    decoder = GreedyNER(model.get_pipe("ner"))
    doc = model.make_doc(TEXT)
    assert decoder.plan([model.make_doc(TEXT) for _ in range(3)]) is not None
    assert decoder.plan([]) is not None and decoder.plan([model.make_doc("")]) is not None
    doc.ents = [Span(doc, 0, 3, label="Method")]
    assert decoder.plan([model.make_doc(TEXT), model.make_doc(TEXT), doc]) is None
    with pytest.raises(ValueError, match="preset entities"):
        decoder([doc])
    long_text = model.make_doc(" ".join([TEXT] * 50))  # no sentence boundaries: one long sequence
    assert decoder.plan([long_text, model.make_doc(TEXT)]) is None  # a step would advance one doc


def test_a_long_paper_alone_is_decoded_sentence_by_sentence(model: Language) -> None:
    paper = Sentencizer()(model.make_doc(" ".join(_seed_paragraphs()[:60])))
    assert len(paper) > 5000 and GreedyNER(model.get_pipe("ner")).plan([paper]) is not None
    greedy, spacy_found = _both(model, [paper])
    assert greedy == spacy_found and len(greedy[0]) > 200


def test_supports_greedy_ner_only(model: Language) -> None:
    assert supports(model.get_pipe("ner"))
    assert not supports(model.get_pipe("tok2vec"))
    with pytest.raises(ValueError, match="not a greedy NER model"):
        GreedyNER(model.get_pipe("tok2vec"))  # type: ignore[arg-type]


def test_the_component_falls_back_to_spacy_for_preset_entities() -> None:
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    nlp = spacy.blank("en")
    component = nlp.add_pipe("kg_ner_model_v1")
    assert component.decoder is not None
    docs = [nlp.make_doc(TEXT) for _ in range(4)]
    docs[3].ents = [Span(docs[3], 0, 3, label="Method")]  # spaCy's decoder keeps a preset entity
    got = [[(s.start, s.end, s.label_) for s in d.spans["ner"]] for d in component.pipe(docs)]
    assert (0, 3, "Method") in got[3] and (0, 3, "Method") not in got[0]
    assert got[0] == got[1] == got[2]


def _perturbed_copy(model: Language, seed: int = 0) -> Language:
    """The model with noise on its NER output layer: a second ensemble member that decides otherwise."""
    other = spacy.load(MODEL, vocab=model.vocab)
    upper = other.get_pipe("ner").model.get_ref("upper")
    weights = upper.get_param("W")
    noise = numpy.random.default_rng(seed).normal(0.0, 0.5, weights.shape).astype(weights.dtype)
    upper.set_param("W", weights + noise)
    return other


def _reference_ensemble(members: list[Language], docsets: list[list[Doc]]) -> Found:
    """Decode with spaCy's own state machine and step models: each step the valid action whose log
    probabilities, summed over the members, are highest."""
    ners = [member.get_pipe("ner") for member in members]
    moves = ners[0].moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    found = []
    for j in range(len(docsets[0])):
        docs = [docset[j] for docset in docsets]
        states = [ner.moves.init_batch([doc])[0] for ner, doc in zip(ners, docs, strict=True)]
        steps = [ner.model.predict([doc]) for ner, doc in zip(ners, docs, strict=True)]
        while not states[0].is_final():
            valid = numpy.array([moves.is_valid(states[0], name) for name in names])
            total = numpy.zeros(len(names))
            for step, state in zip(steps, states, strict=True):
                scores = numpy.where(valid, step.predict([state])[0].astype(numpy.float64), -numpy.inf)
                top = scores.max()
                total += scores - top - numpy.log(numpy.exp(scores - top).sum())
            best = names[int(numpy.argmax(total))]
            for ner, state in zip(ners, states, strict=True):
                ner.moves.apply_transition(state, best)
        ners[0].set_annotations([docs[0]], [states[0]])
        found.append([(e.start, e.end, e.label_) for e in docs[0].ents])
    return found


def test_an_ensemble_decodes_as_spacys_state_machine_with_summed_log_probabilities(model: Language) -> None:
    other = _perturbed_copy(model)
    sentencizer = Sentencizer()
    texts = [TEXT, *_seed_paragraphs()[:60]]

    def vectors(member: Language) -> list[Doc]:
        return list(member.get_pipe("tok2vec").pipe([sentencizer(member.make_doc(t)) for t in texts]))

    first, second = vectors(model), vectors(other)
    decoder = GreedyNER(model.get_pipe("ner"), [other.get_pipe("ner")])
    with limit_blas_threads(1):
        ensemble = decoder(first, None, [decoder.precompute(first), decoder.precompute(second, 1)])
        alone = GreedyNER(model.get_pipe("ner"))(first)
        reference = _reference_ensemble([model, other], [first, second])
    assert ensemble == reference and sum(map(len, reference)) > 300
    assert sum(a != b for a, b in zip(ensemble, alone, strict=True)) > 10  # the second member counts


def test_an_ensemble_of_a_model_with_itself_finds_what_the_model_finds(model: Language) -> None:
    docs = list(
        model.get_pipe("tok2vec").pipe([Sentencizer()(d) for d in model.tokenizer.pipe(_seed_paragraphs()[:80])])
    )
    decoder = GreedyNER(model.get_pipe("ner"), [model.get_pipe("ner")])
    table = decoder.precompute(docs)
    with limit_blas_threads(1):
        assert decoder(docs, None, [table, table]) == GreedyNER(model.get_pipe("ner"))(docs)
    with pytest.raises(ValueError, match="precomputed tables"):
        decoder(docs, None, [table])


def test_an_ensemble_member_with_other_actions_is_refused(model: Language) -> None:
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("Method")
    nlp.initialize()
    with pytest.raises(ValueError, match="other actions"):
        GreedyNER(model.get_pipe("ner"), [ner])
