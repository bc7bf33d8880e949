"""factcheck: check the figures in news drafts against a fact base."""

__version__ = "0.1.0"
# Where factcheck lives (pyproject's [project.urls] says the same; SARIF links its docs here).
HOMEPAGE = "https://example.org/newsroom/factcheck"
