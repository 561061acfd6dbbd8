"""Size caps shared by every path that downloads the same kind of thing.

Subscribing and refreshing read the same feeds, so they share one cap: a feed that
refreshes fine must not be refused when the user subscribes to it.
"""

FEED_MAX_BYTES = 50 * 1024 * 1024
