"""Resolution up the Hugging Face Hub (``--hub``, off by default): base-model ids nothing local
can place are resolved by reading their cards' ``base_model`` and ``license`` from the Hub,
hop by hop, up to a Meta release (docs/inputs.md, docs/security.md).

``settings`` holds the options, ``cards`` checks what a card says (from the Hub or the cache:
untrusted either way), ``client`` asks the Hub through ``huggingface_hub`` (imported only here,
only with ``--hub``), ``cache`` keeps the answers on disk, ``chain`` follows the chain.
"""
