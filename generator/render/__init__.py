"""Render: the one Jinja environment; Python files, Markdown and distribution metadata."""
