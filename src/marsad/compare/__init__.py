"""Cross-source comparison of an event's articles: sources, claims, quotes, framing, summary."""
