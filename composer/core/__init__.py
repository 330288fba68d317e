"""Domain layer: posts, platform rules and previews as data. No Qt, no disk, no network."""
