"""`python -m kb_ingest PATH... --tenant T`: load help-center files into a tenant's KB."""
