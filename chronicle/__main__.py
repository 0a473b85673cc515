"""`python -m chronicle`: the command line, for environments without the `chronicle` script on PATH."""

from chronicle.cli import main

if __name__ == "__main__":
    main()
