"""Repository links: every URL in the seed files with its expected normalised form, and the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.repositories import find_code_links, find_links, normalise

# (URL exactly as it stands in the seed text, cleaned URL, (repository name, kind, path) or None).
# Checked by hand against the seed files: LaTeX debris ("}}", "{here}"), sentence punctuation and
# a closing bracket are not part of the URL; GitHub keeps owner/repo, the rest is a path.
SEED_URLS = [
    ("http://trustai.one.", "http://trustai.one", None),
    (
        "https://anonymous.4open.science/r/TangleNAS-527C{here}",
        "https://anonymous.4open.science/r/TangleNAS-527C",
        ("r/TangleNAS-527C", "code", ""),
    ),
    ("https://bit.ly/ArchGym.", "https://bit.ly/ArchGym", None),
    (
        "https://github.com/CIAM-Group/NCO_code/tree/main/single_objective/UDC-Large-scale-CO-master.",
        "https://github.com/CIAM-Group/NCO_code/tree/main/single_objective/UDC-Large-scale-CO-master",
        ("CIAM-Group/NCO_code", "code", "tree/main/single_objective/UDC-Large-scale-CO-master"),
    ),
    (
        "https://github.com/GaryStack/Trustworthy-Evaluation",
        "https://github.com/GaryStack/Trustworthy-Evaluation",
        ("GaryStack/Trustworthy-Evaluation", "code", ""),
    ),
    (
        "https://github.com/LeapLabTHU/Model-Assembling.",
        "https://github.com/LeapLabTHU/Model-Assembling",
        ("LeapLabTHU/Model-Assembling", "code", ""),
    ),
    (
        "https://github.com/LeavesLei/activation-code.",
        "https://github.com/LeavesLei/activation-code",
        ("LeavesLei/activation-code", "code", ""),
    ),
    (
        "https://github.com/LiheYoung/ShrinkMatch.",
        "https://github.com/LiheYoung/ShrinkMatch",
        ("LiheYoung/ShrinkMatch", "code", ""),
    ),
    ("https://github.com/ML-GSAI/RADD.", "https://github.com/ML-GSAI/RADD", ("ML-GSAI/RADD", "code", "")),
    (
        "https://github.com/ML-GSAI/Revisiting-Dis-vs-Gen-Classifiers.",
        "https://github.com/ML-GSAI/Revisiting-Dis-vs-Gen-Classifiers",
        ("ML-GSAI/Revisiting-Dis-vs-Gen-Classifiers", "code", ""),
    ),
    (
        "https://github.com/MoE-Inf/awesome-moe-inference/.",
        "https://github.com/MoE-Inf/awesome-moe-inference",
        ("MoE-Inf/awesome-moe-inference", "code", ""),
    ),
    ("https://github.com/Newbeeer/pfgmpp", "https://github.com/Newbeeer/pfgmpp", ("Newbeeer/pfgmpp", "code", "")),
    (
        "https://github.com/QingruZhang/AdaLoRA",
        "https://github.com/QingruZhang/AdaLoRA",
        ("QingruZhang/AdaLoRA", "code", ""),
    ),
    ("https://github.com/RAIVNLab/AdANNS.", "https://github.com/RAIVNLab/AdANNS", ("RAIVNLab/AdANNS", "code", "")),
    (
        "https://github.com/RUC-DWBI-ML/research/tree/main/WAD-master.",
        "https://github.com/RUC-DWBI-ML/research/tree/main/WAD-master",
        ("RUC-DWBI-ML/research", "code", "tree/main/WAD-master"),
    ),
    (
        "https://github.com/Raman1121/Diffusion_Memorization_HPO.",
        "https://github.com/Raman1121/Diffusion_Memorization_HPO",
        ("Raman1121/Diffusion_Memorization_HPO", "code", ""),
    ),
    (
        "https://github.com/RulinShao/retrieval-scaling.",
        "https://github.com/RulinShao/retrieval-scaling",
        ("RulinShao/retrieval-scaling", "code", ""),
    ),
    ("https://github.com/SqueezeAILab/ETS.", "https://github.com/SqueezeAILab/ETS", ("SqueezeAILab/ETS", "code", "")),
    (
        "https://github.com/Tajamul21/Grounded_Teacher.",
        "https://github.com/Tajamul21/Grounded_Teacher",
        ("Tajamul21/Grounded_Teacher", "code", ""),
    ),
    (
        "https://github.com/TsinghuaC3I/CRaSh.",
        "https://github.com/TsinghuaC3I/CRaSh",
        ("TsinghuaC3I/CRaSh", "code", ""),
    ),
    ("https://github.com/VITA-Group/DSEE.", "https://github.com/VITA-Group/DSEE", ("VITA-Group/DSEE", "code", "")),
    ("https://github.com/ZihanWang314/coe.", "https://github.com/ZihanWang314/coe", ("ZihanWang314/coe", "code", "")),
    ("https://github.com/allen4747/Ferret.", "https://github.com/allen4747/Ferret", ("allen4747/Ferret", "code", "")),
    (
        "https://github.com/antoyang/NAS-Benchmark.",
        "https://github.com/antoyang/NAS-Benchmark",
        ("antoyang/NAS-Benchmark", "code", ""),
    ),
    (
        "https://github.com/cpa2001/TreeSynth.",
        "https://github.com/cpa2001/TreeSynth",
        ("cpa2001/TreeSynth", "code", ""),
    ),
    ("https://github.com/cxcscmu/MATES.", "https://github.com/cxcscmu/MATES", ("cxcscmu/MATES", "code", "")),
    (
        "https://github.com/duguodong7/pcb-merging.",
        "https://github.com/duguodong7/pcb-merging",
        ("duguodong7/pcb-merging", "code", ""),
    ),
    ("https://github.com/duntrain/topo.", "https://github.com/duntrain/topo", ("duntrain/topo", "code", "")),
    (
        "https://github.com/en-research/GenEVBattery.",
        "https://github.com/en-research/GenEVBattery",
        ("en-research/GenEVBattery", "code", ""),
    ),
    (
        "https://github.com/facebookresearch/GENRE.",
        "https://github.com/facebookresearch/GENRE",
        ("facebookresearch/GENRE", "code", ""),
    ),
    (
        "https://github.com/hamidralmasi/FlagAggregator",
        "https://github.com/hamidralmasi/FlagAggregator",
        ("hamidralmasi/FlagAggregator", "code", ""),
    ),
    (
        "https://github.com/hardyho/ultrametric_feature_fields",
        "https://github.com/hardyho/ultrametric_feature_fields",
        ("hardyho/ultrametric_feature_fields", "code", ""),
    ),
    (
        "https://github.com/he-y/Data-independent-Module-Aware-Pruning",
        "https://github.com/he-y/Data-independent-Module-Aware-Pruning",
        ("he-y/Data-independent-Module-Aware-Pruning", "code", ""),
    ),
    ("https://github.com/htqin/BiBench", "https://github.com/htqin/BiBench", ("htqin/BiBench", "code", "")),
    ("https://github.com/jzzzzh/HiBench,", "https://github.com/jzzzzh/HiBench", ("jzzzzh/HiBench", "code", "")),
    (
        "https://github.com/locuslab/scaling_laws_data_filtering.",
        "https://github.com/locuslab/scaling_laws_data_filtering",
        ("locuslab/scaling_laws_data_filtering", "code", ""),
    ),
    ("https://github.com/microsoft/SPTAG}}.", "https://github.com/microsoft/SPTAG", ("microsoft/SPTAG", "code", "")),
    ("https://github.com/microsoft/wina.", "https://github.com/microsoft/wina", ("microsoft/wina", "code", "")),
    (
        "https://github.com/minyoungkim21/niwmeta.",
        "https://github.com/minyoungkim21/niwmeta",
        ("minyoungkim21/niwmeta", "code", ""),
    ),
    ("https://github.com/mrazhou/SeTa.", "https://github.com/mrazhou/SeTa", ("mrazhou/SeTa", "code", "")),
    ("https://github.com/nbasyl/OFQ.", "https://github.com/nbasyl/OFQ", ("nbasyl/OFQ", "code", "")),
    (
        "https://github.com/openpsi-project/ReaLHF",
        "https://github.com/openpsi-project/ReaLHF",
        ("openpsi-project/ReaLHF", "code", ""),
    ),
    (
        "https://github.com/psunlpgroup/D-Pruner.",
        "https://github.com/psunlpgroup/D-Pruner",
        ("psunlpgroup/D-Pruner", "code", ""),
    ),
    ("https://github.com/qiuzh20/RMoE", "https://github.com/qiuzh20/RMoE", ("qiuzh20/RMoE", "code", "")),
    (
        "https://github.com/richard-peng-xia/DECO.",
        "https://github.com/richard-peng-xia/DECO",
        ("richard-peng-xia/DECO", "code", ""),
    ),
    ("https://github.com/ssfgunner/SNELL.", "https://github.com/ssfgunner/SNELL", ("ssfgunner/SNELL", "code", "")),
    ("https://github.com/szq0214/SReT.", "https://github.com/szq0214/SReT", ("szq0214/SReT", "code", "")),
    ("https://github.com/vita-epfl/TAROT.", "https://github.com/vita-epfl/TAROT", ("vita-epfl/TAROT", "code", "")),
    (
        "https://github.com/xinghaow99/BitStack.",
        "https://github.com/xinghaow99/BitStack",
        ("xinghaow99/BitStack", "code", ""),
    ),
    ("https://github.com/zfj1998/A2Search", "https://github.com/zfj1998/A2Search", ("zfj1998/A2Search", "code", "")),
    ("https://github.com/zihanghliu/LIFT.", "https://github.com/zihanghliu/LIFT", ("zihanghliu/LIFT", "code", "")),
    ("https://gomes.andrew.cmu.edu/iron-mind),", "https://gomes.andrew.cmu.edu/iron-mind", None),
    (
        "https://sites.google.com/usc.edu/distributional-miplib/home.",
        "https://sites.google.com/usc.edu/distributional-miplib/home",
        None,
    ),
    ("https://step-law.github.io/", "https://step-law.github.io", ("step-law.github.io", "project_page", "")),
]


@pytest.mark.parametrize(("raw", "url", "repository"), SEED_URLS)
def test_seed_url(raw: str, url: str, repository: tuple[str, str, str] | None) -> None:
    [link] = find_links(f"Code is at {raw} now")
    assert link.url == url
    found = (link.repository.name, link.repository.kind, link.repository.path) if link.repository else None
    assert found == repository


def test_every_url_in_the_seeds_is_listed(seeds_dir: Path) -> None:
    tokens = {t for f in seeds_dir.glob("*.txt") for t in re.findall(r"https?://\S+", f.read_text())}
    assert tokens == {raw for raw, _, _ in SEED_URLS}
    found = {link.url for f in seeds_dir.glob("*.txt") for link in find_links(f.read_text())}
    assert found == {url for _, url, _ in SEED_URLS}


@pytest.mark.parametrize(
    ("raw", "key", "kind", "path"),
    [
        ("https://GitHub.com/Owner/Repo.git", "github.com/owner/repo", "code", ""),
        ("github.com/owner/repo/blob/main/x.py", "github.com/owner/repo", "code", "blob/main/x.py"),
        ("https://www.github.com/owner/repo#readme", "github.com/owner/repo", "code", ""),
        ("https://gitlab.com/group/sub/proj/-/tree/main", "gitlab.com/group/sub/proj", "code", "tree/main"),
        ("https://bitbucket.org/team/tool/src", "bitbucket.org/team/tool", "code", "src"),
        ("https://huggingface.co/meta-llama/Llama-2-7b", "huggingface.co/meta-llama/llama-2-7b", "model", ""),
        ("https://huggingface.co/datasets/openai/gsm8k", "huggingface.co/datasets/openai/gsm8k", "dataset", ""),
        ("https://huggingface.co/spaces/org/demo", "huggingface.co/spaces/org/demo", "space", ""),
        ("https://Someone.GitHub.io/project/", "someone.github.io/project", "project_page", ""),
        ("\\url{https://github.com/a/b}", "github.com/a/b", "code", ""),
    ],
)
def test_normalisation_rules(raw: str, key: str, kind: str, path: str) -> None:
    [link] = find_links(f"See {raw}.")
    assert link.repository is not None
    assert (link.repository.key, link.repository.kind, link.repository.path) == (key, kind, path)


def test_not_repositories() -> None:
    assert normalise("https://huggingface.co/papers/2106.09685")[1] is None
    assert normalise("https://github.com/owner")[1] is None
    assert find_links("no links here, just github.com mentioned") == []


def test_offsets_point_into_the_text() -> None:
    text = "Our code (https://github.com/a/b) is public."
    [link] = find_links(text)
    assert text[link.start : link.end] == "https://github.com/a/b"


@pytest.mark.parametrize(
    ("given", "keys"),
    [
        ("https://github.com/ntnu-arl/Eurepus-RL", ["github.com/ntnu-arl/eurepus-rl"]),
        ("github.com/vivek3141/ghostbuster", ["github.com/vivek3141/ghostbuster"]),
        ("lukovnikov/improved_wgan_training", ["github.com/lukovnikov/improved_wgan_training"]),
        ("[![github](https://img.shields.io/badge/x)](https://github.com/a/b)", [None, "github.com/a/b"]),
        ("[![github](/images/github_icon.svg)", []),
        ("(implementation:", []),
        ("https://[github/x", []),
    ],
)
def test_code_fields_of_real_listings(given: str, keys: list[str | None]) -> None:
    """Shapes seen in the `code_urls` of ../shared/corpus: URLs, bare hosts, badges, owner/repo, junk."""
    assert [link.repository.key if link.repository else None for link in find_code_links(given)] == keys
