"""The engine: each rule decided for each component and version; identity and AUP findings."""
