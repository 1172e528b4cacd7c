"""wenlint: a linter for Chinese documents damaged by spinning, extraction, OCR and conversion."""

__version__ = "0.1.0"
