"""factcheck: check the figures in news drafts against a fact base."""

__version__ = "0.1.0"
