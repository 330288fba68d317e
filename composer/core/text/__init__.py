"""Text measurement and entity extraction shared by the platform rules."""
