"""Prefect flows of fazhi: the pipeline and its schedule."""
