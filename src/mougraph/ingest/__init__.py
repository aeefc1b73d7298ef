"""Ingest: documents and tables become draft graphs, every fact with its passage; drafts are scored."""
