"""`python -m server` is the `flowsupport` command."""

from server.cli import main

raise SystemExit(main())
