"""Views of the store for people: terminal (Rich) and the self-contained HTML report."""
