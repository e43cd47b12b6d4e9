"""Entry point for ``python -m ovelse``."""

from ovelse.cli import main

raise SystemExit(main())
