"""Output: layout as black lays out, formatting, staging and writing, comparing, cache."""
