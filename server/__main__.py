"""`python -m server` is the `flowsupport` command."""

from server.cli import main

if __name__ == "__main__":  # not when a --workers process imports it (multiprocessing)
    raise SystemExit(main())
