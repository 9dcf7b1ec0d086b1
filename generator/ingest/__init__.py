"""Ingest: find the input files, read documents and documentation pages per locale, validate."""
