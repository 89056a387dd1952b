"""kg's NLP extractors: spaCy components, the models they load and their training."""

from extractors import architectures  # noqa: F401  (registers kg's layers before any model loads)
