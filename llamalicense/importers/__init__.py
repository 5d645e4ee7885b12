"""Importers: turn model cards and AI bills of materials into project components.

* :mod:`~llamalicense.importers.cards` reads a Hugging Face model card's front matter;
* :mod:`~llamalicense.importers.discover` finds the model cards (and evidence files)
  under a folder and builds a :class:`~llamalicense.model.Project` from them;
* :mod:`~llamalicense.importers.resolve` turns ``base_model`` ids into lineage, with
  :mod:`~llamalicense.importers.model_ids` (the re-upload table, "Llama" names, local
  paths) and :mod:`~llamalicense.importers.resolve_notes` (the notes it leaves);
* :mod:`~llamalicense.importers.bom` reads CycloneDX 1.6 JSON
  (:mod:`~llamalicense.importers.bom_cyclonedx`) and SPDX 3.0 JSON-LD
  (:mod:`~llamalicense.importers.bom_spdx`) through one neutral graph
  (:mod:`~llamalicense.importers.bom_graph`);
* :mod:`~llamalicense.importers.licenses` maps declared license ids to Llama versions.
"""
