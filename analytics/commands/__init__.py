"""Sub-commands of `python -m analytics`.

Each module here defines ``register(subparsers)``, which adds one or more
sub-commands whose parsers set ``func`` to a callable ``func(args) -> int``.
The command line discovers the modules, so adding a command never means
editing a shared list.
"""
