"""kg's NLP extractors: spaCy components, the models they load and their training."""
