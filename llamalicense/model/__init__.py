"""The vocabulary every stage shares: the project's and the report's data classes."""
