"""Build: the client's shape once per target (names, types, results), then each locale's view."""
