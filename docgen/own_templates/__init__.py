"""A user's own templates: copying docgen's into a folder of theirs
(copying.py) and checking theirs against docgen's (checking.py)."""
