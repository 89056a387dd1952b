"""Linking: from records and extracted mentions to graph nodes and typed edges.

``papers`` turns one record into its Paper, Repository and HAS_CODE fragment; ``names`` normalises
entity names; ``entities`` resolves all stored mentions into one node per real thing and derives the
paper-entity edges.
"""
