"""Names that make no entity node: generic words, and names of what data is or what a method runs on.

Used by entity resolution (``kg.linking.entities.admitted``) on every mention's name before it becomes a node;
`kg extract` still reports these mentions.
"""

from __future__ import annotations

from functools import lru_cache

from extractors.candidates import NOT_ENTITY_TYPES
from extractors.kb import load_kb

__all__ = ["GENERIC_ACTIVITY_WORDS", "GENERIC_HEADS", "names_no_entity"]

# Heads that say what kind of thing a term is, not which: "unified framework" is no name of its own.
GENERIC_HEADS = frozenset(
    [
        "framework",
        "frameworks",
        "model",
        "models",
        "method",
        "methods",
        "approach",
        "approaches",
        "algorithm",
        "algorithms",
        "technique",
        "techniques",
        "system",
        "systems",
        "architecture",
        "architectures",
        "principle",
        "principles",
        "strategy",
        "strategies",
        "scheme",
        "schemes",
        "mechanism",
        "mechanisms",
        "module",
        "modules",
        "pipeline",
        "pipelines",
        "paradigm",
        "paradigms",
        "procedure",
        "procedures",
        "setting",
        "settings",
        "solution",
        "solutions",
        "tool",
        "tools",
        "process",
        "processes",
        "formulation",
        "formulations",
        "variant",
        "variants",
        "baseline",
        "baselines",
        "component",
        "components",
        "design",
        "designs",
        "analysis",
        "problem",
        "problems",
        "task",
        "tasks",
        "performance",
    ]
)
# Single words that name an activity every paper has, not a task or method ("inference" in 8 of the 207
# seed papers): never entities, whichever component found them.
GENERIC_ACTIVITY_WORDS = frozenset(
    [
        "training",
        "pretraining",
        "pre-training",
        "inference",
        "learning",
        "optimization",
        "optimisation",
        "evaluation",
        "prediction",
        "predictions",
        "generation",
        "modeling",
        "modelling",
        "analysis",
        "computation",
        "deployment",
        "generalization",
        "generalisation",
        "testing",
        "validation",
        "research",
        "experiments",
    ]
)
# What data is (its modality or form), not a name: "3D", "X-Ray", "RGB images", "3D point cloud data", "CT scans".
MODALITY_NAMES = frozenset(
    [
        "rgb",
        "rgb-d",
        "rgbd",
        "2d",
        "3d",
        "4d",
        "2.5d",
        "2-d",
        "3-d",
        "ct",
        "mri",
        "fmri",
        "x-ray",
        "x-rays",
        "lidar",
        "eeg",
        "ecg",
        "emg",
        "pet",
        "hyperspectral",
        "multispectral",
    ]
)
DATA_FORM_WORDS = MODALITY_NAMES | frozenset(
    [
        "image",
        "images",
        "imagery",
        "video",
        "videos",
        "scene",
        "scenes",
        "data",
        "camera",
        "cameras",
        "point",
        "points",
        "cloud",
        "clouds",
        "frame",
        "frames",
        "pixels",
        "audio",
        "signal",
        "signals",
        "sensor",
        "sensors",
        "mesh",
        "meshes",
        "scan",
        "scans",
        "photo",
        "photos",
        "sequence",
        "sequences",
        "single",
        "multi-view",
        "monocular",
        "depth",
        "thermal",
        "infrared",
        "radar",
        "ultrasound",
        "medical",
        "natural",
        "real",
        "synthetic",
        "raw",
        "multimodal",
        "multi-modal",
        "visual",
        "chest",
        "whole",
        "slide",
        "imaging",
        "magnetic",
        "resonance",
        "computed",
        "tomography",
        # records and files: "Electronic Health Records" (25 papers on 20k), "Portable Document Format"
        "electronic",
        "health",
        "record",
        "records",
        "ehr",
        "ehrs",
        "portable",
        "document",
        "format",
    ]
)
# Heads that say what kind of thing a name is, besides ``GENERIC_HEADS``: "AI benchmark", "Comprehensive Dataset".
NAME_HEADS = frozenset(["benchmark", "benchmarks", "dataset", "datasets", "toolkit", "library", "platform", "suite"])
# Words that praise rather than name: "Unified Framework", "Comprehensive Benchmark", "Strong Baseline".
PRAISE = frozenset(
    [
        "unified",
        "comprehensive",
        "large",
        "novel",
        "new",
        "simple",
        "general",
        "efficient",
        "effective",
        "large-scale",
        "holistic",
        "systematic",
        "robust",
        "scalable",
        "flexible",
        "principled",
        "universal",
        "generalizable",
        "lightweight",
        "practical",
        "versatile",
        "modular",
        "generic",
        "standard",
        "strong",
    ]
)
CONNECTORS = frozenset(["and", "or", "&", "/"])
# What a method runs on, not a method: "mobile robot", "Unmanned Aerial Vehicles", "quadruped robot".
PLATFORM_WORDS = frozenset(
    [
        "robot",
        "robots",
        "mobile",
        "vehicle",
        "vehicles",
        "unmanned",
        "aerial",
        "ground",
        "underwater",
        "surface",
        "drone",
        "drones",
        "uav",
        "uavs",
        "autonomous",
        "humanoid",
        "humanoids",
        "manipulator",
        "manipulators",
        "quadruped",
        "legged",
    ]
)


# Describing words that make no name alone or together ("real-time", "high-resolution", "Piecewise").
DESCRIPTORS = frozenset(
    [
        "real-time",
        "high-resolution",
        "low-resolution",
        "piecewise",
        "gaussian",
        "physics",
        "vision",
        "online",
        "offline",
    ]
)
NOT_A_THING = DATA_FORM_WORDS | PLATFORM_WORDS | DESCRIPTORS
_HEADS = GENERIC_HEADS | NAME_HEADS


@lru_cache(maxsize=1)
def _not_entity_names() -> frozenset[str]:
    """Names the KB keeps as no entity (fields, languages, venues, organisations, hardware), case-folded."""
    return frozenset(
        form.casefold()
        for entry in load_kb()
        if entry.type in NOT_ENTITY_TYPES
        for form in (entry.name, *entry.aliases)
    )


def names_no_entity(name: str) -> bool:
    """A name made only of words for the form of data, platforms and descriptions ("3D", "X-Ray", "RGB images",
    "3D point clouds", "MRI dataset", "mobile robot", "real-time"), whatever its type; a field, language or the
    like, alone or with generic heads ("AI systems", "NLP tasks"); praise with generic heads ("Unified Framework",
    "Comprehensive Benchmark")."""
    written = [w for w in name.split() if w.casefold() not in CONNECTORS]  # "2D and 3D"
    words = [w.casefold() for w in written]
    if not words:
        return False
    heads = len(words)
    while heads > 0 and words[heads - 1] in _HEADS:
        heads -= 1
    core = words[:heads]
    named = not all(w.islower() for w in written[heads:])  # a capital head is a name's: "RGB-D Scenes Dataset"
    for ws in (words, [] if named else core):
        if ws and all(w in NOT_A_THING or all(part in NOT_A_THING for part in w.split("-")) for w in ws):
            return True
    if " ".join(words) in _not_entity_names():
        return True
    if heads == len(words):
        return False
    return not core or " ".join(core) in _not_entity_names() or all(w in PRAISE for w in core)
