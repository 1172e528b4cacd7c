"""The rule packs shipped with wenlint: TOML data, one file per family (see README.md here)."""
