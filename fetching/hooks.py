def register() -> None:
    """Filled in below as the hooks arrive."""
