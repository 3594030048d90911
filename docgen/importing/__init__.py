"""The way back: Word and Excel documents into agreement.toml."""
