"""Recording changes (issue 11): staged changes, commits that lose nothing, undo and history."""
