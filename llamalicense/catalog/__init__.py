"""What the tool knows about Llama itself: versions, releases, license ids, texts."""
