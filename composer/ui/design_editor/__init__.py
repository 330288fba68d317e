"""The infographic editor: canvas, layers, inspector, data fields, templates, export."""
