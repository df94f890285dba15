"""`broadsheet` and `python -m reader`: run a subcommand, or the app when none is given."""

from .cli import main

if __name__ == "__main__":
    main()
