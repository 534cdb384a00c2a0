"""Scripts that make the files under ``assets/`` (fonts subset from their sources, sounds)."""
