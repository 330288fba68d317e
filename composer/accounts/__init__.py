"""Accounts: who Siar posts as. Public settings in the workspace, secrets in the keyring."""
