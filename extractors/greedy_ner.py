"""Greedy decoding of spaCy's transition-based NER model, vectorised over a batch of docs.

spaCy decodes its NER model one state at a time in a C loop; on our model that loop checks every
action's validity through virtual calls for each token (about 2.5 ms of the model's 6.5 ms per abstract,
measured with ``py-spy``). Each NER transition consumes exactly one token, and no entity crosses a
sentence start, so every sentence is decoded on its own and step ``t`` of every sentence in a batch is
its token ``t``: :class:`GreedyNER` runs the same arithmetic (the precomputed first layer, maxout, the
output layer) for all sentences of a batch at once with numpy, and applies spaCy's BILUO validity rules
as one table lookup per step. It is hand-written because spaCy offers no batched decoder; the rules
copied are those of ``spacy/pipeline/_parser_internals/ner.pyx`` (``Begin``, ``In``, ``Last``,
``Unit``, ``Out``) for docs without preset entities, and the tests check it against spaCy's own
decoder. Left to spaCy: models of another shape (beam search, other feature sets, no hidden output
layer; :func:`supports` says which), and batches with preset entity annotation or too few sentences
side by side to gain, such as one long text without sentence boundaries (:meth:`GreedyNER.plan`).

With ``members`` it decodes several models of the same actions as one ensemble: each step takes the valid action
whose log probabilities, summed over the models, are highest (each model's first layer precomputed from its own
token vectors, :meth:`GreedyNER.precompute`). :mod:`extractors.training.distill` labels text so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

__all__ = ["GreedyNER", "Segments", "supports"]

# A decoding step costs about 30 us however many sentences it advances, plus about 2.5 us per sentence;
# spaCy's loop about 15-20 us per token. Below about 2.3 sentences per step spaCy's loop is faster, so a
# batch comes here only when its tokens fill the steps of its longest sentence this many times over.
MIN_SENTENCES_PER_STEP = 3
N_FEATURES = 3  # the NER feature set: next token, entity start, previous token (when in an entity)
MOVES = "BILU"  # with "O" (no label): Begin, In, Last, Unit, Out
Entity = tuple[int, int, str]


class Segments(NamedTuple):
    """A batch's tokens and the sentences to decode them by, side by side."""

    flags: numpy.ndarray  # per token, in batch order: 2 * can_continue + is_space (see ``_validity_table``)
    starts: numpy.ndarray  # per sentence: its first token, in batch order
    lengths: numpy.ndarray  # per sentence: its number of tokens


def supports(ner: Any) -> bool:
    """Whether ``ner`` is a greedy spaCy NER component whose model this decoder can run."""
    if not isinstance(ner, EntityRecognizer) or ner.cfg.get("beam_width", 1) != 1 or ner.model is None:
        return False
    model = ner.model
    if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
        return False
    if not model.has_ref("lower") or model.get_ref("lower").get_dim("nF") != N_FEATURES:
        return False
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    return all(name == "O" or (name[:1] in MOVES and name[1:2] == "-") for name in names)


class GreedyNER:
    """Decode a spaCy NER component's model greedily for a batch of docs at once."""

    def __init__(self, ner: EntityRecognizer, members: Sequence[EntityRecognizer] = ()) -> None:
        """Decode ``ner``'s model, or, with ``members``, ``ner`` and those models as one ensemble."""
        self.models = [ner, *members]
        for model in self.models:
            if not supports(model):
                raise ValueError(f"{model.name}: not a greedy NER model with the standard features")
        self.ner = ner
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        for member in members:
            if [member.moves.get_class_name(i) for i in range(member.moves.n_moves)] != names:
                raise ValueError(f"{member.name}: an ensemble member with other actions than {ner.name}")
        self.labels = sorted({name[2:] for name in names if name != "O" and name[2:]})
        label_ids = {label: k + 1 for k, label in enumerate(self.labels)}  # 0: no label
        self.move = numpy.array(["BILUO".index(name[0]) for name in names], dtype=numpy.int64)
        self.move_label = numpy.array([label_ids.get(name[2:], 0) for name in names], dtype=numpy.int64)
        self.valid = self._validity_table()

    def _validity_table(self) -> numpy.ndarray:
        """``valid[open_label, can_continue, is_space]`` per action, following spaCy's ``is_valid`` rules.

        ``open_label`` is 0 when no entity is open, else the open entity's label id. ``can_continue``:
        the token is not the doc's last and the next token does not start a sentence.
        """
        open_label = numpy.arange(len(self.labels) + 1)[:, None, None, None]
        can_continue = numpy.array([False, True])[None, :, None, None]
        space = numpy.array([False, True])[None, None, :, None]
        move, label = self.move[None, None, None, :], self.move_label[None, None, None, :]
        closed, same = open_label == 0, (label == open_label) & (open_label > 0)
        rules = {  # Begin, In, Last, Unit, Out
            0: closed & (label > 0) & can_continue & ~space,
            1: same & can_continue,
            2: same,
            3: closed & (label > 0) & ~space,
            4: closed,
        }
        return numpy.select([move == k for k in rules], list(rules.values()), default=False)

    def plan(self, docs: list[Doc]) -> Segments | None:
        """The sentences to decode ``docs`` by, or None when spaCy's decoder is the one to use.

        None for a batch with preset entity annotation (spaCy's rules for those are not copied here),
        and for one with too few sentences side by side to gain (see ``MIN_SENTENCES_PER_STEP``).
        """
        segments = self.segments(docs)
        if segments is None:
            return None
        lengths = segments.lengths
        return segments if int(lengths.sum()) >= MIN_SENTENCES_PER_STEP * int(lengths.max(initial=0)) else None

    @staticmethod
    def segments(docs: list[Doc]) -> Segments | None:
        """Flags per token of the batch and its sentences (or whole docs); None if it has preset entities.

        No entity may go on past a token followed by a sentence start, so every sentence starts with no
        entity open and its decoding depends on nothing before it but the token vectors.
        """
        flags, starts, lengths = [], [], []
        offset = 0
        for doc in docs:
            n = len(doc)
            if not n:
                continue
            values = doc.to_array([SENT_START, IS_SPACE, ENT_IOB]).astype(numpy.int64).reshape(n, 3)
            if values[:, 2].any():
                return None
            starts_next = numpy.append(values[1:, 0] == 1, True)  # the doc's last token ends it too
            flags.append(2 * ~starts_next + values[:, 1])
            firsts = numpy.flatnonzero(numpy.concatenate(([True], starts_next[:-1])))
            starts.append(offset + firsts)
            lengths.append(numpy.diff(numpy.append(firsts, n)))
            offset += n
        if not flags:
            return Segments(*(numpy.zeros(0, dtype=numpy.int64) for _ in range(3)))
        return Segments(*(numpy.concatenate(part).astype(numpy.int64) for part in (flags, starts, lengths)))

    def precompute(self, docs: list[Doc], member: int = 0) -> numpy.ndarray:
        """Member ``member``'s first NER layer for every token of ``docs``: rows ``token * 3 + feature``.

        The docs must hold that member's token vectors (``doc.tensor``, from its ``tok2vec`` component).
        """
        model = self.models[member].model
        lower = model.get_ref("lower")
        cached = lower.predict(model.get_ref("tok2vec").predict(docs))  # (tokens + 1, features, hidden, pieces)
        return cached.reshape(-1, lower.get_dim("nO") * lower.get_dim("nP"))  # token 0 is padding

    def encode(
        self, docs: list[Doc], encoders: Sequence[Sequence[Any]], keep: int = 0
    ) -> tuple[list[Doc], list[numpy.ndarray]]:
        """Run every member's ``encoders`` (its components before the NER, e.g. ``tok2vec``) on ``docs`` and
        :meth:`precompute` its table; member ``keep`` runs last, so its token vectors stay in ``doc.tensor``.

        Returns the docs and the tables in member order, for :meth:`__call__`.
        """
        if len(encoders) != len(self.models):
            raise ValueError(f"{len(encoders)} encoders for {len(self.models)} members")
        tables: list[numpy.ndarray] = [numpy.zeros(0)] * len(self.models)
        for k in [*(k for k in range(len(self.models)) if k != keep), keep]:
            for proc in encoders[k]:
                docs = list(proc.pipe(docs, batch_size=len(docs)))
            tables[k] = self.precompute(docs, k)
        return docs, tables

    def __call__(
        self, docs: list[Doc], segments: Segments | None = None, tables: list[numpy.ndarray] | None = None
    ) -> list[list[Entity]]:
        """Entities ``(start, end, label)`` per doc, as spaCy's greedy decoder finds them.

        The docs must have the model's token vectors (``doc.tensor``, from its ``tok2vec`` component)
        and no preset entities; ``segments`` is their :meth:`plan`, made here if not given. ``tables``
        are every member's :meth:`precompute` for the docs (default: the first member's, from
        ``doc.tensor``); with several members each step takes the action of the highest summed log
        probability, under spaCy's rules.
        """
        segments = segments or self.segments(docs)
        if segments is None:
            raise ValueError("docs with preset entities are for spaCy's decoder")
        flags, seg_starts, seg_lengths = segments
        if not len(seg_lengths):
            return [[] for _ in docs]
        tables = tables or [self.precompute(docs)]
        if len(tables) != len(self.models):
            raise ValueError(f"{len(tables)} precomputed tables for {len(self.models)} members")
        scorers = [_Scorer(table, ner.model, self.valid) for table, ner in zip(tables, self.models, strict=True)]

        order = numpy.argsort(-seg_lengths, kind="stable")  # longest first: the live segments are a prefix
        lengths, firsts = seg_lengths[order], seg_starts[order]
        n_segments = len(order)
        open_label = numpy.zeros(n_segments, dtype=numpy.int64)
        start_rows = numpy.ones(n_segments, dtype=numpy.int64)  # feature 1: the open entity's first token
        previous_rows = numpy.full(n_segments, 2, dtype=numpy.int64)  # feature 2: the token before, in an entity
        actions = numpy.zeros(len(flags), dtype=numpy.int64)  # per token, in batch order
        live = n_segments
        for t in range(int(lengths[0])):
            while lengths[live - 1] <= t:
                live -= 1
            tokens = firsts[:live] + t
            here = (tokens + 1) * N_FEATURES
            rules = open_label[:live] * 4 + flags[tokens]
            rows = (here, start_rows[:live], previous_rows[:live])
            if len(scorers) == 1:
                scores = scorers[0].scores(rows, rules)
            else:
                scores = sum(scorer.log_probabilities(rows, rules) for scorer in scorers)
            action = scores.argmax(axis=1)
            actions[tokens] = action
            move = self.move[action]
            begins, goes_on = move == 0, move <= 1  # Begin; Begin or In
            open_label[:live] = numpy.where(begins, self.move_label[action], open_label[:live] * goes_on)
            start_rows[:live] = numpy.where(goes_on, numpy.where(begins, here + 1, start_rows[:live]), 1)
            previous_rows[:live] = numpy.where(goes_on, here + 2, 2)
        return self._entities(actions, numpy.cumsum([len(doc) for doc in docs]))

    def _entities(self, actions: numpy.ndarray, doc_ends: numpy.ndarray) -> list[list[Entity]]:
        """Read the entities off the actions per token of the batch: each ends at an L or U move."""
        found: list[list[Entity]] = [[] for _ in range(len(doc_ends))]
        moves = self.move[actions]
        for end in numpy.flatnonzero((moves == 2) | (moves == 3)).tolist():
            start = end
            if moves[end] == 2:  # Last: the entity starts at its Begin, in the same sentence
                while moves[start] != 0:
                    start -= 1
            k = int(numpy.searchsorted(doc_ends, end, side="right"))
            offset = int(doc_ends[k - 1]) if k else 0
            label = self.labels[self.move_label[actions[end]] - 1]
            found[k].append((start - offset, end + 1 - offset, label))
        return found


class _Scorer:
    """One member's action scores for a step of the batch, from its precomputed first layer."""

    def __init__(self, table: numpy.ndarray, model: Any, valid: numpy.ndarray) -> None:
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        self.table = table
        self.n_hidden, self.n_pieces = lower.get_dim("nO"), lower.get_dim("nP")
        self.bias = lower.get_param("b").reshape(-1)
        self.weights = numpy.ascontiguousarray(upper.get_param("W").T)
        # The output bias, and -inf for the actions spaCy's rules forbid: row open_label * 4 + flags.
        penalties = numpy.where(valid, upper.get_param("b"), -numpy.inf).astype(numpy.float32)
        self.penalties = penalties.reshape(-1, valid.shape[-1])

    def scores(self, rows: tuple[numpy.ndarray, ...], rules: numpy.ndarray) -> numpy.ndarray:
        """Scores (live sentences x actions); ``rows``: the table rows of the three features."""
        here, start, previous = rows
        unmaxed = self.table[here]
        unmaxed += self.table[start]
        unmaxed += self.table[previous]
        unmaxed += self.bias
        pieces = unmaxed.reshape(len(here), self.n_hidden, self.n_pieces)
        hidden = pieces[:, :, 0]
        for piece in range(1, self.n_pieces):
            hidden = numpy.maximum(hidden, pieces[:, :, piece])
        scores = hidden @ self.weights
        scores += self.penalties[rules]
        return scores

    def log_probabilities(self, rows: tuple[numpy.ndarray, ...], rules: numpy.ndarray) -> numpy.ndarray:
        """Log softmax of :meth:`scores` over the valid actions (-inf for the others)."""
        scores = self.scores(rows, rules)
        top = scores.max(axis=1, keepdims=True)
        with numpy.errstate(divide="ignore"):
            return scores - (top + numpy.log(numpy.exp(scores - top).sum(axis=1, keepdims=True)))
