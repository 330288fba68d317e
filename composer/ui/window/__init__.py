"""The parts the main window is assembled from, one concern each: drafts, autosave, media
import, menus, preferences, first run, the sandbox, account health and the outbox."""
