"""Bytes on disk to documents: YAML and JSON with positions, JSON paths, schemas."""
