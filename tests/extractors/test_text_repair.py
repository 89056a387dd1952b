"""Text from PDFs is repaired for the pipeline (ligatures, words broken at line ends); offsets index the text given."""

from __future__ import annotations

import pytest

from extractors.pipeline import extract
from extractors.text_repair import (
    expand_ligatures,
    map_offsets,
    rejoin,
    repair,
    repair_record,
    to_repaired,
    word_counts,
)


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("a genera- tion of al- gorithms", "a generation of algorithms"),  # no word alone
        ("back- translation", "back-translation"),  # both parts are words, and so is the whole with its hyphen
        ("Written News Compression Cor-\npus", "Written News Compression Corpus"),  # a line end
        ("Chi-nese Tree- bank and normaliza-tion", "Chinese Treebank and normalization"),
        ("zero- and few-shot, pre- or post-training", "zero- and few-shot, pre- or post-training"),  # suspended
        ("pre-training of non-linear self-attention", "pre-training of non-linear self-attention"),  # real hyphens
        ("no breaks here", "no breaks here"),
    ],
)
def test_broken_words_are_joined(text: str, repaired: str) -> None:
    out, index = rejoin(text)
    assert out == repaired
    if index is None:
        assert out == text
    else:  # every character of the repaired text comes from the text given
        assert len(index) == len(out) and all(out[i] == text[index[i]] for i in range(len(out)))


def test_ligatures_are_spelled_out_and_breaks_joined_after() -> None:
    text = "a classiﬁer for ﬁne- tuning and ﬂows"
    out, index = repair(text)
    assert out == "a classifier for fine-tuning and flows"
    assert index is not None and len(index) == len(out)
    start = out.index("classifier")
    assert text[slice(*map_offsets(index, start, start + len("classifier")))] == "classiﬁer"
    start = out.index("fine-tuning")
    assert text[slice(*map_offsets(index, start, start + len("fine-tuning")))] == "ﬁne- tuning"
    assert expand_ligatures("no ligature") == ("no ligature", None) and repair("plain text") == ("plain text", None)


def test_offsets_map_back() -> None:
    text = "the Cor- pus is big"
    out, index = rejoin(text)
    start = out.index("Corpus")
    assert map_offsets(index, start, start + len("Corpus")) == (4, 12) and text[4:12] == "Cor- pus"
    assert map_offsets(None, 3, 5) == (3, 5)


def test_the_word_counts_ship_with_the_package() -> None:
    counts = word_counts()
    assert len(counts) > 20_000 and counts["generation"] > 100 and "genera" not in counts


def test_extraction_reports_offsets_in_the_text_given() -> None:
    text = "We train a Logis- tic Regression classifier on the Penn Tree-\nbank and report accu- racy."
    mentions = next(extract([text]))
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert text[m.sentence_start : m.sentence_end].startswith("We train")
    broken = [m for m in mentions if "Logis- tic" in m.text]
    assert broken and broken[0].canonical.startswith("Logistic Regression")  # named by the repaired text
    assert "Penn Tree-\nbank" in {m.text for m in mentions}


def test_gold_records_for_training_are_repaired_with_their_entities() -> None:
    """Training sees the text ``kg extract`` reads; gold offsets move with it."""
    from extractors.training.prepare import split_sentences

    text = "We use the Chi-nese Tree- bank and the Cor- pus of classiﬁers."
    entities = [{"start": 11, "end": 30, "type": "Dataset"}, {"start": 39, "end": 47, "type": "Dataset"}]
    assert [text[e["start"] : e["end"]] for e in entities] == ["Chi-nese Tree- bank", "Cor- pus"]
    (record,) = split_sentences({"id": "r", "text": text, "entities": entities})
    assert record["text"] == "We use the Chinese Treebank and the Corpus of classifiers."
    assert [record["text"][e["start"] : e["end"]] for e in record["entities"]] == ["Chinese Treebank", "Corpus"]
    unchanged = {"id": "u", "text": "plain text", "entities": [{"start": 0, "end": 5, "type": "Task"}]}
    assert repair_record(unchanged) is unchanged and to_repaired(None, 2, 4) == (2, 4)
