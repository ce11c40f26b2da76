"""``python -m fazhi.cli``: the command line, as the ``fazhi`` console script runs it."""
from fazhi.cli import main

main()
