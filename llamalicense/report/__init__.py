"""After the engine: waivers, baselines, the output formats and writing them."""
