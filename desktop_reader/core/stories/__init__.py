"""Story engine: clustering, summaries and timelines over the articles of a story."""
