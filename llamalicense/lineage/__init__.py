"""The lineage graph: which Llama versions reach each component, and by which path."""
