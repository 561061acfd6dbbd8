"""Desktop Reader: a private, offline-first desktop news reader."""

__version__ = "0.1.0"
APP_NAME = "Desktop Reader"
APP_ID = "desktop-reader"
