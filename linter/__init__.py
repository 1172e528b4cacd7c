"""wenlint: a linter for Chinese documents damaged by spinning, extraction, OCR and conversion.

The Python API (see the README): ``wenlint.lint(text)``, ``wenlint.fix(text)``, ``wenlint.Linter``
and the ``wenlint.Fixed`` record, from :mod:`wenlint.api`; imported on first use, so that the
command line does not pay for it.
"""

__version__ = "0.1.0"
__all__ = ["Fixed", "Linter", "fix", "lint", "__version__"]


def __getattr__(name: str):
    if name in ("Fixed", "Linter", "fix", "lint"):
        from wenlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'wenlint' has no attribute {name!r}")
