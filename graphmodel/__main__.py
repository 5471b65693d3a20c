"""``python -m graphmodel``: the same as the ``graphmodel`` command."""

from graphmodel.cli import main

if __name__ == "__main__":
    main()
