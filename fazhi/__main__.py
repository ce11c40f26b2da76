"""The `fazhi` command's entry point (the console script and `python -m fazhi` start here).

It loads the CLI only when called. A worker that fazhi.parallel spawns imports its parent's
main script before any work; the console script imports this module, so a worker does not load
the CLI's typer, rich and settings modules (~0.3 s of CPU a worker) that it never uses. Under
`python -m fazhi` a worker skips the main module altogether.
"""


def main() -> None:
    from fazhi.gc_tuning import fewer_collections

    fewer_collections()   # before the imports: they are most of what the collector would examine
    from fazhi.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
