"""Sync with the user's own server through the Google Reader API (FreshRSS, Miniflux, …).

`client` speaks the protocol, `accounts` stores accounts and their mapping onto the
library, `secrets` keeps the login token out of the database, `queue` holds local changes
until the server takes them, `engine` runs one sync. Qt-free, like the rest of core.
"""
