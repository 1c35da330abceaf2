"""Readers for each input format: Written Questions API JSON, scraped pages, tables."""
