"""One widget per module, named after what the user sees."""
