"""Developer tools run from a checkout (screenshots, the demo library's builder); not shipped."""
