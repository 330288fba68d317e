"""The PySide6 user interface: the only package (with composer.app) that imports Qt."""
