"""The infographic maker's domain: documents, reflow layout, Pillow renderer, templates.

No Qt and no network; it reads only the bundled fonts and images it is given.
"""
