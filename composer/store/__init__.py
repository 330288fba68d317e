"""The workspace on disk: one SQLite database plus a content-addressed media folder."""
