"""The translation kit: prose exported to PO files, translations imported as overlays."""
