"""Importers: turn model cards and AI bills of materials into project components.

* :mod:`~llamalicense.importers.cards` reads a Hugging Face model card's front matter;
* :mod:`~llamalicense.importers.discover` finds the model cards (and evidence files)
  under a folder and builds a :class:`~llamalicense.model.Project` from them;
* :mod:`~llamalicense.importers.resolve` turns ``base_model`` ids into lineage;
* :mod:`~llamalicense.importers.bom` reads CycloneDX 1.6 JSON and SPDX 3.0 JSON-LD;
* :mod:`~llamalicense.importers.licenses` maps declared license ids to Llama versions.
"""
