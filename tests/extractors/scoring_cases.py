"""Hand-made gold and predicted spans shared by the scoring and `kg eval` tests."""

# Record 1: "We use BERT on SQuAD and report F1."   Record 2: "Machine translation with LSTM."
GOLD_1 = [
    {"start": 7, "end": 11, "type": "Method"},  # BERT
    {"start": 15, "end": 20, "type": "Dataset"},  # SQuAD
    {"start": 32, "end": 34, "type": "Metric"},  # F1
    {"start": 0, "end": 2, "type": "Other"},  # ignored: not one of the four types
]
PRED_1 = [
    {"start": 7, "end": 11, "type": "Method"},  # exact
    {"start": 12, "end": 20, "type": "Dataset"},  # "on SQuAD": overlaps, not exact
    {"start": 32, "end": 34, "type": "Task"},  # right span, wrong type: wrong both ways
    {"start": 25, "end": 31, "type": "Metric"},  # "report": no overlap with F1
]
GOLD_2 = [{"start": 0, "end": 19, "type": "Task"}, {"start": 25, "end": 29, "type": "Method"}]
PRED_2 = [{"start": 0, "end": 7, "type": "Task"}, {"start": 0, "end": 7, "type": "Task"}]  # duplicate collapses
