"""Text structure of a report: normalisation, heading tree, sentences (pure functions)."""
