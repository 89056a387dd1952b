"""The resolver on hand-made candidates: overlaps, generic words, abbreviations, threshold."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import extractors.pipeline  # noqa: F401
from extractors.candidates import add_candidates


def _nlp(**config: object) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences_v1")
    nlp.add_pipe("kg_abbreviations_v1")
    nlp.add_pipe("kg_resolver_v1", config=config)
    return nlp


def _cand(doc: Doc, key: str, start: int, end: int, label: str, score: float, canonical: str = "") -> None:
    span = Span(doc, start, end, label=label, kb_id=canonical)
    span.id_ = key
    add_candidates(doc, key, [(span, score)])


def _run(nlp: Language, doc: Doc) -> list[tuple[str, str, str, str, float]]:
    for name, proc in nlp.pipeline:
        if name != "kg_resolver_v1":
            doc = proc(doc)
    doc = nlp.get_pipe("kg_resolver_v1")(doc)
    group = doc.spans["entities"]
    return [(s.text, s.label_, s.kb_id_, s.id_, sc) for s, sc in zip(group, group.attrs["scores"], strict=True)]


def test_best_scoring_candidate_wins_an_overlap() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.5})
    doc = nlp.make_doc("We use the ImageNet dataset today.")
    _cand(doc, "kb", 3, 4, "Dataset", 0.9, "ImageNet")  # 0.45 after weight
    _cand(doc, "ner", 3, 5, "Dataset", 0.7)  # "ImageNet dataset"
    assert _run(nlp, doc) == [("ImageNet dataset", "Dataset", "ImageNet dataset", "ner", 0.7)]


def test_agreeing_sources_combine_and_keep_the_kb_name() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 1.0})
    doc = nlp.make_doc("We use imagenet today.")
    _cand(doc, "ner", 2, 3, "Dataset", 0.5)
    _cand(doc, "kb", 2, 3, "Dataset", 0.5, "ImageNet")
    assert _run(nlp, doc) == [("imagenet", "Dataset", "ImageNet", "ner", 0.75)]


def test_generic_words_and_low_scores_are_dropped() -> None:
    nlp = _nlp(sources={"ner": 1.0}, threshold=0.3)
    doc = nlp.make_doc("Our approach beats this task and BERT and GPT.")
    _cand(doc, "ner", 0, 2, "Method", 0.9)  # "Our approach"
    _cand(doc, "ner", 3, 5, "Task", 0.9)  # "this task"
    _cand(doc, "ner", 6, 7, "Method", 0.8)  # BERT
    _cand(doc, "ner", 8, 9, "Method", 0.2)  # GPT, below threshold
    assert [r[0] for r in _run(nlp, doc)] == ["BERT"]


def test_a_quality_alone_is_no_metric() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("It improves efficiency , reliability and energy efficiency .")
    for start, end in ((2, 3), (4, 5), (6, 8)):
        _cand(doc, "ner", start, end, "Metric", 0.8)
    assert [r[0] for r in _run(nlp, doc)] == ["energy efficiency"]  # a named measure of it stays


def test_a_content_warning_is_no_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("WARNING: offensive text. Warning detection on BERT.")
    for start, end, label in ((0, 1, "Dataset"), (5, 6, "Task"), (5, 7, "Task")):
        _cand(doc, "ner", start, end, label, 0.8)
    assert [r[0] for r in _run(nlp, doc)] == ["Warning detection"]


def test_a_sentence_adverb_is_no_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("Nowadays LLMs dominate. Besides BERT works.")
    for start, end in ((0, 1), (1, 2), (4, 5), (5, 6)):
        _cand(doc, "ner", start, end, "Dataset" if start in (0, 4) else "Method", 0.8)
    assert [r[0] for r in _run(nlp, doc)] == ["LLMs", "BERT"]


def test_an_evaluation_campaign_alone_is_no_task() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("At SemEval we won the SemEval task and the SemEval-2010 Task 8 .")
    _cand(doc, "ner", 1, 2, "Task", 0.8)  # "SemEval"
    _cand(doc, "ner", 5, 7, "Task", 0.8)  # "SemEval task"
    _cand(doc, "ner", 9, 12, "Dataset", 0.8)  # "SemEval-2010 Task 8"
    assert [r[0] for r in _run(nlp, doc)] == ["SemEval-2010 Task 8"]


def test_hyphenated_generic_phrases_are_dropped() -> None:
    nlp = _nlp(sources={"kb": 1.0})
    doc = nlp.make_doc("Results on Real-world Datasets and state-of-the-art models, not on World Models.")
    _cand(doc, "kb", 2, 6, "Dataset", 0.9, "Real-world Datasets")
    _cand(doc, "kb", 7, 15, "Method", 0.9)  # "state-of-the-art models"
    _cand(doc, "kb", 18, 20, "Method", 0.9, "World Models")
    assert [r[0] for r in _run(nlp, doc)] == ["World Models"]


def test_an_entity_around_a_definition_is_named_by_its_long_form() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We use the Product Quantization (PQ) method. PQ works.")
    _cand(doc, "ner", 3, 9, "Method", 0.8)  # "Product Quantization (PQ) method"
    _cand(doc, "ner", 10, 11, "Method", 0.8)  # PQ
    found = [(t, can) for t, _, can, _, _ in _run(nlp, doc)]
    assert found == [("Product Quantization (PQ) method", "Product Quantization"), ("PQ", "Product Quantization")]


def test_determiners_and_punctuation_are_trimmed() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We use the BERT model, then stop.")
    _cand(doc, "ner", 2, 6, "Method", 0.9)  # "the BERT model ,"
    assert _run(nlp, doc)[0][0] == "BERT model"


def test_abbreviations_share_type_and_canonical_name() -> None:
    nlp = _nlp(sources={"ner": 1.0}, definitions="separate")
    doc = nlp.make_doc("We propose Low-Rank Adaptation (LoRA). LoRA is cheap.")
    _cand(doc, "ner", 2, 6, "Method", 0.8)  # Low-Rank Adaptation
    found = _run(nlp, doc)
    assert [(t, lab, can) for t, lab, can, _, _ in found] == [
        ("Low-Rank Adaptation", "Method", "Low-Rank Adaptation"),
        ("LoRA", "Method", "Low-Rank Adaptation"),
        ("LoRA", "Method", "Low-Rank Adaptation"),
    ]
    assert found[1][3] == "abbreviation" and abs(found[1][4] - 0.72) < 1e-6


def test_short_form_entity_gives_the_long_form_its_type() -> None:
    nlp = _nlp(sources={"kb": 1.0}, definitions="separate")
    doc = nlp.make_doc("We use neural architecture search (NAS).")
    _cand(doc, "kb", 6, 7, "Method", 0.9, "Neural Architecture Search")
    found = {(t, lab, can) for t, lab, can, _, _ in _run(nlp, doc)}
    assert ("neural architecture search", "Method", "Neural Architecture Search") in found


def test_entities_are_also_doc_ents_and_never_overlap() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 1.0})
    doc = nlp.make_doc("P Q R S T")
    _cand(doc, "ner", 0, 3, "Method", 0.6)
    _cand(doc, "kb", 2, 5, "Task", 0.7)
    _cand(doc, "kb", 0, 1, "Dataset", 0.5)
    found = _run(nlp, doc)
    assert [(t, lab) for t, lab, *_ in found] == [("P", "Dataset"), ("R S T", "Task")]


def test_repeats_of_an_entity_are_found_unless_switched_off() -> None:
    text = "BERT beats GPT. Later BERT wins, and BERTology is not BERT."
    for propagate, expected in ((True, ["BERT", "BERT", "BERT"]), (False, ["BERT"])):
        nlp = _nlp(sources={"ner": 1.0}, propagate=propagate)
        doc = nlp.make_doc(text)
        _cand(doc, "ner", 0, 1, "Method", 0.8)
        assert [t for t, *_ in _run(nlp, doc)] == expected


def test_common_words_and_parts_of_hyphenated_names_are_not_repeated() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We study segmentation with FinBERT. Few-shot segmentation needs FinBERT-domain, not FinBERT.")
    assert [t.text for t in doc][11:14] == ["FinBERT", "-", "domain"]
    _cand(doc, "ner", 2, 3, "Task", 0.8)  # "segmentation": a single lower-case word
    _cand(doc, "ner", 4, 5, "Method", 0.8)  # "FinBERT"
    found = [(t, src) for t, _label, _kb, src, _score in _run(nlp, doc)]
    assert found == [("segmentation", "ner"), ("FinBERT", "ner"), ("FinBERT", "repeat")]
    assert doc.spans["entities"][-1].start == 16  # the last "FinBERT": "FinBERT-domain" is another name


def test_a_span_that_is_exactly_an_organisation_name_is_not_an_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("Models by OpenAI beat OpenAI Codex.")
    _cand(doc, "kb", 2, 3, "Organisation", 1.0, "OpenAI")
    _cand(doc, "kb", 4, 5, "Organisation", 1.0, "OpenAI")
    _cand(doc, "ner", 2, 3, "Task", 0.8)  # the model's "OpenAI" Task
    _cand(doc, "ner", 4, 6, "Method", 0.8)  # "OpenAI Codex" is a model
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("OpenAI Codex", "Method")]


def test_a_research_field_its_definition_and_its_short_form_are_no_entities() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    text = "Advances in natural language processing (NLP) help NLP tasks and Adaptive Inference (AI) helps AI."
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    assert words[2:8] == ["natural", "language", "processing", "(", "NLP", ")"] and words[9] == "NLP"
    assert words[12:17] == ["Adaptive", "Inference", "(", "AI", ")"] and words[18] == "AI"
    _cand(doc, "kb", 2, 5, "Field", 1.0, "natural language processing")
    _cand(doc, "kb", 9, 10, "Field", 1.0, "NLP")
    _cand(doc, "kb", 15, 16, "Field", 1.0, "AI")
    _cand(doc, "kb", 18, 19, "Field", 1.0, "AI")
    _cand(doc, "ner", 2, 8, "Task", 0.9)  # the whole definition "natural language processing (NLP)"
    _cand(doc, "ner", 9, 11, "Task", 0.9)  # "NLP tasks": a longer name stays
    _cand(doc, "ner", 12, 14, "Method", 0.9)  # "Adaptive Inference": its short form "AI" is a field name too
    found = [(t, label) for t, label, *_ in _run(nlp, doc)]
    # the definition and the later "NLP" are blocked with their long form; "Adaptive Inference (AI)" is not
    # blocked by its short form, and becomes one entity (definitions = "whole"); the last "AI" is Adaptive Inference
    assert found == [("NLP tasks", "Task"), ("Adaptive Inference (AI)", "Method"), ("AI", "Method")]


def test_a_natural_language_is_no_dataset_but_a_corpus_in_it_is() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("We translate English into the Dutch language using the English Gigaword corpus.")
    _cand(doc, "kb", 2, 3, "NaturalLanguage", 1.0, "English")
    _cand(doc, "kb", 5, 7, "NaturalLanguage", 1.0, "Dutch")
    _cand(doc, "kb", 9, 10, "NaturalLanguage", 1.0, "English")
    for start, end in ((2, 3), (5, 7), (9, 12)):
        _cand(doc, "ner", start, end, "Dataset", 0.8)
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("English Gigaword corpus", "Dataset")]


def test_a_device_and_what_it_is_are_no_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("It trains on a T4 GPU and a T4 chiplet benchmark.")
    _cand(doc, "kb", 4, 5, "Hardware", 1.0, "T4")
    _cand(doc, "kb", 8, 9, "Hardware", 1.0, "T4")
    _cand(doc, "ner", 4, 6, "Dataset", 0.8)  # "T4 GPU"
    _cand(doc, "ner", 8, 11, "Dataset", 0.8)  # "T4 chiplet benchmark": not a device word after "T4"
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("T4 chiplet benchmark", "Dataset")]


def test_a_language_before_a_field_is_no_task() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("Chinese language processing helps Chinese word segmentation.")
    _cand(doc, "kb", 0, 1, "NaturalLanguage", 1.0, "Chinese")
    _cand(doc, "kb", 1, 3, "Field", 1.0, "language processing")
    _cand(doc, "kb", 4, 5, "NaturalLanguage", 1.0, "Chinese")
    _cand(doc, "ner", 0, 3, "Task", 0.8)
    _cand(doc, "ner", 4, 7, "Task", 0.8)
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("Chinese word segmentation", "Task")]


def test_data_in_a_language_is_no_dataset_unless_named() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("We test on English datasets and the French Corpus.")
    _cand(doc, "kb", 3, 4, "NaturalLanguage", 1.0, "English")
    _cand(doc, "kb", 7, 8, "NaturalLanguage", 1.0, "French")
    _cand(doc, "ner", 3, 5, "Dataset", 0.8)  # "English datasets": data in English
    _cand(doc, "ner", 6, 9, "Dataset", 0.8)  # "the French Corpus": capitalised, maybe a name
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("French Corpus", "Dataset")]


def test_trailing_function_words_are_trimmed() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("the decision-theoretic problem of voting")
    _cand(doc, "ner", 0, 5, "Task", 0.8)  # "the decision - theoretic problem of"
    assert _run(nlp, doc)[0][0] == "decision-theoretic problem"


def test_a_confident_kb_name_decides_the_type_of_the_same_span() -> None:
    for kb_prior, expected in ((0.9, ("MAE", "Metric", "Mean Absolute Error")), (0.5, ("MAE", "Dataset", "MAE"))):
        nlp = _nlp(sources={"ner": 1.0, "kb": 0.5}, kb_type_prior=0.7)
        doc = nlp.make_doc("We report MAE here.")
        _cand(doc, "ner", 2, 3, "Dataset", 0.8)
        _cand(doc, "kb", 2, 3, "Metric", kb_prior, "Mean Absolute Error")
        assert _run(nlp, doc)[0][:3] == expected


def test_a_kb_type_does_not_retype_a_short_form_the_doc_defines() -> None:
    """The KB's "MAE" is mean absolute error; in this doc it stands for masked autoencoders, a Method."""
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.5}, kb_type_prior=0.7)
    doc = nlp.make_doc("Masked autoencoders (MAE) scale. We pretrain MAE on images.")
    _cand(doc, "ner", 0, 2, "Method", 0.7)
    for start in (3, 9):  # the short form in the definition and later
        _cand(doc, "ner", start, start + 1, "Method", 0.8)
        _cand(doc, "kb", start, start + 1, "Metric", 0.9, "MAE")
    assert [(t, lab, can) for t, lab, can, _, _ in _run(nlp, doc)] == [
        ("Masked autoencoders (MAE)", "Method", "Masked autoencoders"),
        ("MAE", "Method", "Masked autoencoders"),
    ]


def test_a_definition_is_one_entity_in_whole_mode() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 1.0})  # definitions = "whole" by default
    doc = nlp.make_doc("We propose Low-Rank Adaptation (LoRA). LoRA is cheap.")
    _cand(doc, "ner", 10, 11, "Method", 0.8)  # the later "LoRA"
    _cand(doc, "kb", 7, 8, "Method", 0.6, "Low-Rank Adaptation")  # the short form in the definition
    found = [(t, lab, can) for t, lab, can, _, _ in _run(nlp, doc)]
    assert found == [
        ("Low-Rank Adaptation (LoRA)", "Method", "Low-Rank Adaptation"),
        ("LoRA", "Method", "Low-Rank Adaptation"),
    ]


def test_spans_are_cut_to_balanced_brackets() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We test on TREC (Voorhees, 2000) and ImageNet) subsets (IN) today.")
    _cand(doc, "ner", 3, 6, "Dataset", 0.9)  # "TREC ( Voorhees": ends before the bracket it does not close
    _cand(doc, "ner", 11, 16, "Dataset", 0.9)  # ") subsets ( IN )": starts after the bracket it did not open
    assert [t for t, *_ in _run(nlp, doc)] == ["TREC", "subsets (IN)"]


def test_a_dataset_named_as_a_task_is_a_task() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 1.0}, kb_type_prior=0.7)
    doc = nlp.make_doc("Results on the NIST translation task and the CoNLL shared task.")
    _cand(doc, "ner", 3, 6, "Dataset", 0.8)  # "NIST translation task"
    _cand(doc, "ner", 8, 11, "Dataset", 0.8)  # "CoNLL shared task", which the KB names a Dataset
    _cand(doc, "kb", 8, 11, "Dataset", 0.9, "CoNLL shared task")
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [
        ("NIST translation task", "Task"),
        ("CoNLL shared task", "Dataset"),
    ]


def test_a_metric_is_named_without_a_plural_scores() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We report F1 scores and the BLEU score.")
    _cand(doc, "ner", 2, 4, "Metric", 0.9)  # "F1 scores"
    _cand(doc, "ner", 6, 8, "Metric", 0.9)  # "BLEU score": singular, kept
    assert [t for t, *_ in _run(nlp, doc)] == ["F1", "BLEU score"]


def test_a_span_with_a_url_is_not_an_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("Code is at https://github.com/locuslab/scaling_laws_data_filtering for Data Filtering.")
    assert doc[3].like_url
    _cand(doc, "ner", 3, 4, "Task", 0.9)  # the link, typed by the model
    _cand(doc, "ner", 5, 7, "Task", 0.9)
    assert [(t, label) for t, label, *_ in _run(nlp, doc)] == [("Data Filtering", "Task")]


def test_a_training_stage_alone_is_no_task_and_fine_tuning_is_a_method() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("Fine-tuning is slow at inference and during training of machine translation.")
    assert [t.text for t in doc][:3] == ["Fine", "-", "tuning"]
    _cand(doc, "ner", 0, 3, "Task", 0.8)  # "Fine-tuning"
    _cand(doc, "ner", 6, 7, "Task", 0.8)  # "inference"
    _cand(doc, "ner", 9, 10, "Task", 0.8)  # "training"
    _cand(doc, "ner", 11, 13, "Task", 0.8)  # "machine translation"
    found = [(t, label) for t, label, *_ in _run(nlp, doc)]
    assert found == [("Fine-tuning", "Method"), ("machine translation", "Task")]


def test_an_entity_around_a_definition_is_named_by_it_only_if_it_names_the_same_thing() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    text = "It helps empowering large language model (LLM) applications. Each LLM is big."
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    first, llm = words.index("empowering"), len(words) - 4
    assert words[llm] == "LLM"
    _cand(doc, "ner", first, words.index("applications") + 1, "Task", 0.8)
    _cand(doc, "ner", llm, llm + 1, "Method", 0.8)
    found = [(t, lab, can) for t, lab, can, _, _ in _run(nlp, doc)]
    assert found == [
        (
            "empowering large language model (LLM) applications",
            "Task",
            "empowering large language model (LLM) applications",
        ),
        ("LLM", "Method", "large language model"),  # later short forms are still named by the long form
    ]
    doc = nlp.make_doc("We use the Product Quantization (PQ) method. PQ is fast.")
    _cand(doc, "ner", 3, 9, "Method", 0.8)
    assert next((t, can) for t, _, can, _, _ in _run(nlp, doc)) == (
        "Product Quantization (PQ) method",
        "Product Quantization",
    )


def test_an_entity_with_its_head_before_a_preposition_is_not_named_by_the_definition_inside() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We study automatic evaluation of Machine Translation (MT) here. MT is hard.")
    words = [t.text for t in doc]
    _cand(doc, "ner", words.index("automatic"), words.index(")") + 1, "Task", 0.8)
    found = [(t, can) for t, _, can, _, _ in _run(nlp, doc)]
    assert found[0] == (
        "automatic evaluation of Machine Translation (MT)",
        "automatic evaluation of Machine Translation (MT)",
    )  # not "Machine Translation", which would merge it with that task in the graph
    # the "to" of "end-to-end" is no preposition: the entity is still named by its long form
    doc = nlp.make_doc("We build end-to-end speech recognition (SR) systems.")
    words = [t.text for t in doc]
    _cand(doc, "ner", words.index("end"), words.index(")") + 1, "Task", 0.8)
    assert next(can for _, _, can, _, _ in _run(nlp, doc)) == "speech recognition"


def test_later_short_forms_take_the_type_of_the_long_forms_own_candidate() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    text = "It is a way of tuning pre-trained language models (PLMs) cheaply. Partial PLMs transfer."
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    plms = len(words) - 3
    assert words[plms] == "PLMs"
    _cand(doc, "ner", words.index("way"), words.index(")") + 1, "Method", 0.9)
    _cand(doc, "kb", words.index("pre"), words.index("("), "Method", 0.9)  # "pre-trained language models"
    found = [(t, lab, can) for t, lab, can, _, _ in _run(nlp, doc)]
    assert found[0][0] == "way of tuning pre-trained language models (PLMs)"
    assert found[0][2] == found[0][0]
    assert found[1:] == [("PLMs", "Method", "pre-trained language models")]


def test_a_citation_at_the_end_of_a_candidate_is_cut_off_and_a_citation_alone_is_dropped() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    text = "Use the stereotype model of Koch et al. (2016), Polytropon [Ponti et al., 2023] and Malladi et al. (2023)."
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    first_close, second_close = words.index(")"), words.index("]")
    _cand(doc, "ner", words.index("stereotype"), first_close + 1, "Method", 0.8)
    _cand(doc, "ner", words.index("Polytropon"), second_close + 1, "Method", 0.8)
    _cand(doc, "ner", words.index("Malladi"), len(words) - 1, "Dataset", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["stereotype model", "Polytropon"]
    doc = nlp.make_doc("We use Ott et al.'s dataset.")
    _cand(doc, "ner", 2, 8, "Dataset", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["Ott et al.'s dataset"]  # a citation inside a name stays


def test_hyperparameters_and_training_stages_are_no_metrics() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("A smaller learning rate and an L1 penalty speed up training and improve generalization and F1.")
    words = [t.text for t in doc]
    for first, length in (("learning", 2), ("L1", 2), ("training", 1), ("generalization", 1), ("F1", 1)):
        _cand(doc, "ner", words.index(first), words.index(first) + length, "Metric", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["generalization", "F1"]


def test_downstream_tasks_and_real_world_applications_are_generic_but_it_applications_are_not() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("It helps downstream tasks, real-world applications and IT applications.")
    _cand(doc, "ner", 2, 4, "Task", 0.8)  # "downstream tasks"
    _cand(doc, "ner", 5, 9, "Task", 0.8)  # "real-world applications"
    _cand(doc, "ner", 10, 12, "Task", 0.8)  # "IT applications"
    assert [t for t, *_ in _run(nlp, doc)] == ["IT applications"]


def _tokens(doc: Doc, text: str) -> tuple[int, int]:
    """The token span of the first ``text`` in ``doc`` (character match, aligned to tokens)."""
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return span.start, span.end


def test_an_entity_does_not_cut_a_hyphenated_name_in_two() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We test on e-SNLI and XL-WiC, report ROUGE-L and train MIT-10M with sub-word segmentation.")
    for part, label in [("SNLI", "Dataset"), ("XL", "Dataset"), ("ROUGE", "Metric"), ("MIT-10", "Dataset")]:
        _cand(doc, "ner", *_tokens(doc, part), label, 0.9)
    _cand(doc, "ner", *_tokens(doc, "word segmentation"), "Task", 0.9)
    assert [t for t, *_ in _run(nlp, doc)] == ["e-SNLI", "XL-WiC", "ROUGE-L", "MIT-10M", "sub-word segmentation"]


def test_a_name_before_a_modifier_stays_itself_and_a_dangling_prefix_goes() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("A BERT-based and Large Language Model-Aided tagger uses the BERT pre-trained weights.")
    _cand(doc, "ner", *_tokens(doc, "BERT"), "Method", 0.9)
    _cand(doc, "ner", *_tokens(doc, "Large Language Model"), "Method", 0.9)
    _cand(doc, "ner", *_tokens(doc, "the BERT pre"), "Method", 0.9)
    assert [t for t, *_ in _run(nlp, doc)] == ["BERT", "Large Language Model", "BERT"]


def test_a_plain_word_inside_a_hyphenated_word_and_a_negated_name_are_no_entities() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 1.0})
    doc = nlp.make_doc("Zero-shot geo-referenced maps beat non-LLMs with high-accuracy and Transformer-based models.")
    _cand(doc, "kb", *_tokens(doc, "Zero"), "Dataset", 0.9, "Zero")
    _cand(doc, "kb", *_tokens(doc, "geo"), "Dataset", 0.9, "Geo")
    _cand(doc, "ner", *_tokens(doc, "LLMs"), "Method", 0.9)
    _cand(doc, "ner", *_tokens(doc, "accuracy"), "Metric", 0.9)
    _cand(doc, "ner", *_tokens(doc, "Transformer"), "Method", 0.9)
    assert [t for t, *_ in _run(nlp, doc)] == ["accuracy", "Transformer"]


def test_cjk_text_without_spaces_is_not_joined_to_a_hyphenated_name() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("本文提出一种预训练及Bi-LSTM (BiLSTM) and XL-WiC today.")
    assert [t.text for t in doc][:3] == ["本文提出一种预训练及Bi", "-", "LSTM"]
    _cand(doc, "ner", 2, 3, "Method", 0.9)  # "LSTM": the piece before it is a whole CJK sentence
    _cand(doc, "ner", *_tokens(doc, "WiC"), "Dataset", 0.9)
    assert [t for t, *_ in _run(nlp, doc)] == ["LSTM", "XL-WiC"]


def test_a_name_joined_to_a_hyphenated_word_loses_the_kb_name_of_its_part() -> None:
    nlp = _nlp(sources={"kb": 1.0})
    doc = nlp.make_doc("We evaluate on DDA-COCO and on COCO today.")
    _cand(doc, "kb", *_tokens(doc, "COCO"), "Dataset", 0.9, "COCO")  # the "COCO" of "DDA-COCO"
    alone = [t.i for t in doc if t.text == "COCO"][-1]
    _cand(doc, "kb", alone, alone + 1, "Dataset", 0.9, "COCO")
    assert [(t, name) for t, _, name, *_ in _run(nlp, doc)] == [("DDA-COCO", "DDA-COCO"), ("COCO", "COCO")]


def test_a_domain_is_no_dataset_unless_named() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We adapt from the news domain and clinical domains to the ATIS domain.")
    for text in ("news domain", "clinical domains", "ATIS domain"):
        _cand(doc, "ner", *_tokens(doc, text), "Dataset", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["ATIS domain"]


def test_a_method_named_after_its_task_also_gives_the_task_inside_it() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("We tune a phrase-based machine translation system and an SRL model .")
    _cand(doc, "ner", 3, 9, "Method", 0.8)  # "phrase-based machine translation system"
    _cand(doc, "kb", 6, 8, "Task", 0.9, "Machine Translation")
    _cand(doc, "ner", 11, 13, "Method", 0.8)  # "SRL model"
    _cand(doc, "kb", 11, 12, "Task", 0.9, "Semantic Role Labeling")
    result = _run(nlp, doc)
    assert [(text, label, source) for text, label, _, source, _ in result] == [
        ("phrase-based machine translation system", "Method", "ner"),
        ("machine translation", "Task", "nested"),
        ("SRL model", "Method", "ner"),
        ("SRL", "Task", "nested"),
    ]
    assert result[1][2] == "Machine Translation"  # the KB's name stays
    assert [e.text for e in doc.ents] == ["phrase-based machine translation system", "SRL model"]  # flat


def test_no_nested_task_without_a_system_head_or_for_a_way_of_learning() -> None:
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8})
    doc = nlp.make_doc("A contrastive learning framework beats machine translation pipelines .")
    _cand(doc, "ner", 1, 4, "Method", 0.8)  # "contrastive learning framework": a paradigm, not a task
    _cand(doc, "kb", 1, 3, "Task", 0.9)
    _cand(doc, "ner", 5, 8, "Method", 0.8)  # "machine translation pipelines": no system head
    _cand(doc, "kb", 5, 7, "Task", 0.9)
    assert [r[0] for r in _run(nlp, doc)] == ["contrastive learning framework", "machine translation pipelines"]
    nlp = _nlp(sources={"ner": 1.0, "kb": 0.8}, nested_tasks=False)
    doc = nlp.make_doc("We tune a machine translation system .")
    _cand(doc, "ner", 3, 6, "Method", 0.8)
    _cand(doc, "kb", 3, 5, "Task", 0.9)
    assert [r[0] for r in _run(nlp, doc)] == ["machine translation system"]


def _retyped(text: str, candidates: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (text, type) the resolver gives NER candidates of these texts and types in ``text``."""
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc(text)
    for name, label in candidates:
        _cand(doc, "ner", *_tokens(doc, name), label, 0.8)
    return [(t, label) for t, label, *_ in _run(nlp, doc)]


def test_a_name_ending_in_a_measure_is_a_metric() -> None:
    text = (
        "We report Sentence Error Rate , Word Prediction Accuracy ( WPA ) and model perplexity , tune the adaptive "
        "learning rate , study predicting lexical complexity and the assessment of quality ."
    )
    candidates = [
        ("Sentence Error Rate", "Task"),
        ("Word Prediction Accuracy ( WPA )", "Method"),
        ("model perplexity", "Dataset"),
        ("adaptive learning rate", "Method"),
        ("predicting lexical complexity", "Task"),
        ("assessment of quality", "Task"),
    ]
    assert _retyped(text, candidates) == [
        ("Sentence Error Rate", "Metric"),
        ("Word Prediction Accuracy ( WPA )", "Metric"),
        ("model perplexity", "Metric"),
        ("adaptive learning rate", "Method"),
        ("predicting lexical complexity", "Task"),
        ("assessment of quality", "Task"),
    ]


def test_a_name_ending_in_a_model_head_is_a_method() -> None:
    text = (
        "The MobileNet-v2 backbone , an Automatic Verb Classifier , disfluency removal models , detection with neural "
        "networks and synthesizing task-specific neural networks ."
    )
    candidates = [
        ("MobileNet-v2 backbone", "Dataset"),
        ("Automatic Verb Classifier", "Task"),
        ("disfluency removal models", "Task"),
        ("detection with neural networks", "Task"),
        ("synthesizing task-specific neural networks", "Task"),
    ]
    assert _retyped(text, candidates) == [
        ("MobileNet-v2 backbone", "Method"),
        ("Automatic Verb Classifier", "Method"),
        ("disfluency removal models", "Method"),
        ("detection with neural networks", "Task"),
        ("synthesizing task-specific neural networks", "Task"),
    ]


def test_a_device_or_a_data_size_is_no_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We run on Frontier AMD GPUs at the scale of TBs with GPU kernels .")
    _cand(doc, "ner", *_tokens(doc, "Frontier AMD GPUs"), "Dataset", 0.8)
    _cand(doc, "ner", *_tokens(doc, "AMD"), "Dataset", 0.7)
    _cand(doc, "ner", *_tokens(doc, "TBs"), "Dataset", 0.8)
    _cand(doc, "ner", *_tokens(doc, "GPU kernels"), "Method", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["GPU kernels"]


def test_an_alphabetic_citation_key_is_no_entity() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("It varies the cop decomposition [And86, AGG14] and [CCC+24a]; we use COCO17 and [VQA] .")
    for key in ("And86", "AGG14", "CCC+24a", "COCO17", "VQA"):
        _cand(doc, "ner", *_tokens(doc, key), "Dataset", 0.8)
    _cand(doc, "ner", *_tokens(doc, "cop decomposition"), "Method", 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["cop decomposition", "COCO17", "VQA"]


def test_a_later_short_form_typed_less_surely_than_its_definition_takes_its_type() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    text = "It unifies Poisson Flow Generative Models (PFGM). PFGM reduce to diffusion. PFGM is fast."
    doc = nlp.make_doc(text)
    _cand(doc, "ner", *_tokens(doc, "Poisson Flow Generative Models"), "Method", 0.74)
    first, second = [t.i for t in doc if t.text == "PFGM"][1:]
    _cand(doc, "ner", first, first + 1, "Task", 0.51)
    _cand(doc, "ner", second, second + 1, "Dataset", 0.7)
    found = [(t, lab) for t, lab, *_ in _run(nlp, doc)]
    # 0.51 < 0.8 * 0.74: the definition decides; 0.7 is sure enough to keep its own type
    assert found == [("Poisson Flow Generative Models (PFGM)", "Method"), ("PFGM", "Method"), ("PFGM", "Dataset")]


def test_a_named_dataset_or_method_takes_the_version_after_it() -> None:
    nlp = _nlp(sources={"ner": 1.0})
    doc = nlp.make_doc("We use FrameNet 1.5 and SQuAD v1.1 ; BERT 2.3 points better ; speech corpus 2.0 ; BLEU 20.9 .")
    for name, label in (("FrameNet", "Dataset"), ("SQuAD", "Dataset"), ("BERT", "Method"), ("speech corpus", "Dataset"),
                        ("BLEU", "Metric")):  # fmt: skip
        _cand(doc, "ner", *_tokens(doc, name), label, 0.8)
    assert [t for t, *_ in _run(nlp, doc)] == ["FrameNet 1.5", "SQuAD v1.1", "BERT", "speech corpus", "BLEU"]


def test_a_type_cut_drops_only_what_the_model_alone_found() -> None:
    sources = {"ner": 1.0, "kb": 1.0, "patterns": 1.0}
    text = (
        "We propose EdgeMoE with fast update time and robustness , unlike fine-tuning of low-rank adaptation (LoRA) "
        "for translation ; perplexity drops ."
    )

    def found(nlp: Language) -> list[str]:
        doc = nlp.make_doc(text)
        _cand(doc, "patterns", *_tokens(doc, "EdgeMoE"), "Method", 0.45)  # a rule stands behind it
        _cand(doc, "ner", *_tokens(doc, "fast update time"), "Method", 0.45)  # the model alone, unsure
        _cand(doc, "ner", *_tokens(doc, "robustness"), "Metric", 0.45)
        _cand(doc, "ner", *_tokens(doc, "fine-tuning"), "Method", 0.45)  # a training method the resolver knows
        _cand(doc, "ner", *_tokens(doc, "low-rank adaptation (LoRA)"), "Method", 0.45)  # a definition
        _cand(doc, "ner", *_tokens(doc, "translation"), "Task", 0.45)  # no cut for Tasks here
        _cand(doc, "kb", *_tokens(doc, "perplexity"), "Metric", 0.45, "perplexity")
        return [t for t, *_ in _run(nlp, doc)]

    everything = ["EdgeMoE", "fast update time", "robustness", "fine-tuning", "low-rank adaptation (LoRA)"]
    everything += ["translation", "perplexity"]
    assert found(_nlp(sources=sources)) == everything  # no cut by default
    cut = found(_nlp(sources=sources, type_thresholds={"Method": 0.5, "Metric": 0.5}))
    assert cut == [t for t in everything if t not in {"fast update time", "robustness"}]


def test_a_one_word_kind_of_data_is_no_dataset_unless_more_than_the_model_says_so() -> None:
    sources = {"ner": 1.0, "kb": 1.0}
    nlp = _nlp(sources=sources)
    doc = nlp.make_doc("We label images , videos of COCO , treebank and charades clips and noisy parallel data .")
    for name in ("images", "videos", "COCO", "treebank", "noisy parallel data"):
        _cand(doc, "ner", *_tokens(doc, name), "Dataset", 0.9)  # the model alone
    _cand(doc, "ner", *_tokens(doc, "charades"), "Dataset", 0.9)
    _cand(doc, "kb", *_tokens(doc, "charades"), "Dataset", 0.9, "Charades")  # a known name, written in lower case
    # one lower-case word the model alone calls a Dataset is a kind of data; a name, a KB entry and a longer
    # description (SciERC's convention) stay
    assert [t for t, *_ in _run(nlp, doc)] == ["COCO", "charades", "noisy parallel data"]
