"""Readers of the files a Llama project keeps (cards, BOMs, ...)."""
