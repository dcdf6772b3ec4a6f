import sys

from .commands.cli import main

# Guarded: a process started by multiprocessing's "spawn" (MkDocs on large sites) imports this
# module again under another name, and must not run a second build.
if __name__ == "__main__":
    sys.exit(main())
