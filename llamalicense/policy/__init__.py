"""The policy: rule packs, the predicate language and the facts rules ask about."""
