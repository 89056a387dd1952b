"""Pattern rules on their own (sentences + abbreviations + patterns)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extractors.pipeline  # noqa: F401


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    for name in ("kg_sentences_v1", "kg_abbreviations_v1", "kg_patterns_v1"):
        nlp.add_pipe(name)
    return nlp


def _found(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {(s.text, s.label_, s.id_) for s in doc.spans["patterns"]}


def test_we_propose_a_named_method(nlp: Language) -> None:
    found = _found(nlp, "In this paper, we propose Mixture of Shards (MoS), a parameter-efficient method.")
    assert ("Mixture of Shards", "Method", "proposes") in found


def test_we_introduce_takes_the_abbreviation_long_form(nlp: Language) -> None:
    found = _found(nlp, "We introduce a novel multi-granularity distillation (MGD) scheme.")
    assert ("multi-granularity distillation", "Method", "proposes") in found


def test_what_a_paper_introduces_is_typed_by_its_head_noun(nlp: Language) -> None:
    def proposed(text: str) -> set[tuple[str, str]]:
        return {(s, label) for s, label, rule in _found(nlp, text) if rule == "proposes"}

    assert proposed("This article introduces TwiConv, an English coreference-annotated corpus.") == {
        ("TwiConv", "Dataset")
    }
    assert proposed("We introduce Mintaka, a complex, natural, and multilingual dataset designed for QA.") == {
        ("Mintaka", "Dataset")
    }
    assert proposed("We present the Bahrain Corpus.") == {("Bahrain Corpus", "Dataset")}
    assert proposed("We present the ExPUNations (ExPUN) dataset, in which we add notes.") == {
        ("ExPUNations", "Dataset")
    }
    assert proposed("We introduce Simple TICO-19, a new language resource containing translations.") == {
        ("TICO-19", "Dataset")
    }
    assert proposed("We propose the Conversation Completion (ConvCom) task, which selects.") == {
        ("Conversation Completion", "Task")
    }
    assert proposed("We propose an evaluation metric, coined Knowledge Dependent Answerability (KDA).") == {
        ("Knowledge Dependent Answerability", "Metric")
    }
    # methods, systems and tools stay Methods; a hyphenated modifier is no head
    assert proposed("We propose DialoKG, a novel task-oriented dialogue system.") == {("DialoKG", "Method")}
    assert proposed("We present PE2LGP, an authoring system that features a dataset viewer.") == {("PE2LGP", "Method")}
    assert proposed("We propose a simple approach named FooNet.") == {("FooNet", "Method")}


def test_called_and_named(nlp: Language) -> None:
    assert ("FooNet", "Method", "proposes") in _found(nlp, "Our model, called FooNet, is small.")


def test_datasets_and_lists_of_datasets(nlp: Language) -> None:
    found = _found(nlp, "Experiments on CIFAR-10, SVHN and ImageNet datasets and on the GLUE benchmark.")
    for name in ("CIFAR-10", "SVHN", "ImageNet datasets", "GLUE benchmark"):
        assert (name, "Dataset", "evaluated_on") in found
    doc = nlp("Experiments on CIFAR-10, SVHN and ImageNet datasets.")
    assert len(doc.spans["patterns"]) == 3  # each name once: the "experiments on" rule leaves the list to this one


def test_no_dataset_name_from_words_capitalised_by_position(nlp: Language) -> None:
    """No dataset is named by "All datasets", "Les corpus", "Leveraging datasets" or a title's "Annotated Corpus"."""

    def datasets(text: str) -> set[str]:
        return {s for s, label, rule in _found(nlp, text) if rule == "evaluated_on"}

    assert not datasets("All datasets are public. Most corpora are small.")
    assert not datasets("Les corpus sont petits.")
    assert not datasets("Leveraging datasets of news for summarization.")
    assert not datasets("An Annotated Corpus for Hate Speech Detection in Hmong Social Media")  # a title
    assert datasets("Different Twitter datasets were collected for this study.") == {"Twitter datasets"}
    assert datasets("Evaluating Icelandic Parallel Corpora for Translation") == {"Icelandic Parallel Corpora"}
    assert datasets("The Romanian Read Speech Corpus: Design and Evaluation") == {"Romanian Read Speech Corpus"}
    assert datasets("German Parliamentary Corpus is large.") == {"German Parliamentary Corpus"}  # a name


def test_names_evaluated_on_without_a_head_noun(nlp: Language) -> None:
    found = _found(nlp, "Experiments on miniF2F and ProofNet demonstrate that our EconProver is cheap.")
    assert {("miniF2F", "Dataset", "evaluated_on"), ("ProofNet", "Dataset", "evaluated_on")} <= found
    assert ("EconProver", "Dataset", "evaluated_on") not in found
    found = _found(nlp, "We evaluated it on LLaMA2-7B and SQuAD, and tested on GLUE.")
    assert ("LLaMA2-7B", "Dataset", "evaluated_on") not in found  # a known model name is no dataset
    assert {("SQuAD", "Dataset", "evaluated_on"), ("GLUE", "Dataset", "evaluated_on")} <= found
    assert not _found(nlp, "Experiments on large graphs show gains.")  # not a name
    # followed by a dataset head noun: the head-noun rule has it, with the noun
    assert ("GLUE", "Dataset", "evaluated_on") not in _found(nlp, "Experiments on the GLUE benchmark.")


def test_in_terms_of(nlp: Language) -> None:
    found = _found(nlp, "It improves in terms of top-1 accuracy and F1 score.")
    assert ("top-1 accuracy", "Metric", "measured_by") in found
    assert ("F1 score", "Metric", "measured_by") in found


def test_outperforms(nlp: Language) -> None:
    found = _found(nlp, "Our method outperforms LoRA, VeRA and BitFit by a wide margin.")
    assert {("LoRA", "Method", "compared_with"), ("VeRA", "Method", "compared_with"),
            ("BitFit", "Method", "compared_with")} <= found  # fmt: skip


def test_numbers_with_metrics(nlp: Language) -> None:
    found = _found(nlp, "It achieves 95.3% accuracy and 32.1 BLEU.")
    assert {("accuracy", "Metric", "measured_by"), ("BLEU", "Metric", "measured_by")} <= found


def test_task_of(nlp: Language) -> None:
    assert ("machine translation", "Task", "addresses") in _found(nlp, "We study the task of machine translation.")


def test_cues_the_model_must_confirm_score_below_the_cut(nlp: Language) -> None:
    """ "the task of T" and "in terms of Z" (Z not named as a measure) are relation cues; alone (0.35, times the
    resolver's weight 0.8) no entity: on the dev sets such spans were right 1 time in 25."""
    from extractors.candidates import candidate_scores

    doc = nlp("We study the task of comparing them in terms of graph structure and Spearman correlations.")
    scores = {(s.text, s.id_): score for s, score in candidate_scores(doc, "patterns")}
    assert scores[("comparing them", "addresses")] == 0.35
    assert scores[("graph structure", "measured_by")] == 0.35
    assert scores[("Spearman correlations", "measured_by")] == 0.5  # a measure's name is a metric on its own


def test_no_candidates_in_plain_prose(nlp: Language) -> None:
    assert _found(nlp, "this is a sentence without any cue at all.") == set()


def test_a_list_of_terms_ends_at_its_conjunction(nlp: Language) -> None:
    found = _found(nlp, "It is better in terms of social welfare and total cost, obtained by strategyproof mechanisms.")
    assert {s for s, label, rule in found if rule == "measured_by"} == {"social welfare", "total cost"}
    found = _found(nlp, "To compare levels fairly in terms of their contribution, we treat them as a module.")
    assert {s for s, label, rule in found if rule == "measured_by"} == {"their contribution"}
    found = _found(nlp, "It wins in terms of latency, memory, and accuracy.")
    assert {s for s, label, rule in found if rule == "measured_by"} == {"latency", "memory", "accuracy"}


def test_a_term_ends_before_a_participle_and_its_preposition(nlp: Language) -> None:
    found = _found(nlp, "We compare in terms of the computation costs associated with building the model.")
    assert ("computation costs", "Metric", "measured_by") in found


def test_names_listed_with_commas_alone(nlp: Language) -> None:
    found = _found(nlp, "We report average results on tst2013, tst2014, tst2015.")
    assert {s for s, label, rule in found if rule == "evaluated_on"} == {"tst2013", "tst2014", "tst2015"}
    found = _found(nlp, "Experiments on CIFAR-10/100, UrbanCars and shifted versions of ImageNet.")
    assert {"CIFAR-10/100", "UrbanCars"} <= {s for s, label, rule in found if rule == "evaluated_on"}


def test_a_metric_named_before_its_value(nlp: Language) -> None:
    def metrics(text: str) -> set[str]:
        return {s for s, label, rule in _found(nlp, text) if rule == "measured_by"}

    assert metrics("It reaches an RMSE of 0.61% on the task.") == {"RMSE"}
    assert metrics("It gets a BLEU score of 28.4 on WMT14.") == {"BLEU score"}
    assert metrics("It obtains an average precision of 98% overall.") == {"average precision"}
    assert metrics("We report a macro-averaged F1 score of 0.826 here.") == {"macro-averaged F1 score"}
    # not metrics: settings, counts, years, model names
    assert not metrics("We use a batch size of 32 and a total of 5 runs.")
    assert not metrics("GPT-4 of 2023 and BERT of 12 layers and an XML-TEI of one lexicon.")
