"""Publishing: one client per platform, the outbox that runs them, the posting kit."""
