"""The linking tests share the hand-made mention helpers of test_resolve.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # test_ids imports test_resolve
