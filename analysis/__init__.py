"""Answer Language: what UK government written answers say and commit to."""
