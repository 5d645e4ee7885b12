"""Commands built on the pipeline: the starter manifest (init) and rule fixture runs."""
