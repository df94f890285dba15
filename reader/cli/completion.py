"""Shell completion: the script `broadsheet completion SHELL` prints, and answering a Tab.

argcomplete does both. The script it prints runs `broadsheet` itself at each Tab with
_ARGCOMPLETE set; `main` sees that before loading anything but the parser, and the answers
for feeds, tags and views come from candidates.py. One parser feeds the commands, their
help and their completions, so they cannot drift apart.
"""

from __future__ import annotations

import argparse
import sys


def complete(parser: argparse.ArgumentParser) -> None:
    """Print the completions for the line the shell passed in the environment, and exit."""
    import argcomplete

    # Options only once a "-" is typed, so that Tab after `feeds remove` offers feeds, not --help.
    argcomplete.autocomplete(parser, always_complete_options=False)


def print_script(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import argcomplete

    sys.stdout.write(argcomplete.shellcode([parser.prog], shell=args.shell))
    return 0
