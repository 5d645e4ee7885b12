"""The project: the manifest, and every reader of repository files, into a Project."""
