"""Evidence scanners: which Llama texts, Notices and "Built with" lines a file holds."""
