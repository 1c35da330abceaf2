"""``python -m analysis.learning``: rebuild the learned models (make train)."""

from analysis.learning.train import main

raise SystemExit(main())
