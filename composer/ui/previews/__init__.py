"""Preview cards: each platform's post drawn from the core's preview data."""
