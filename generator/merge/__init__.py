"""Merge: every locale's document -> one model (structure once, prose per locale) and drift."""
