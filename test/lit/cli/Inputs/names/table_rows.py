"""Prints each row of the Markdown tables on stdin as a GFM renderer splits
it: the number of cells, then each cell with the table's \\| escape undone,
so a test can see that a crafted name stays in its own cell of its own row."""
import re
import sys

for line in sys.stdin.read().split("\n"):
    if not line.startswith("|") or set(line) <= set("|-: "):
        continue
    cells = re.split(r"(?<!\\)\|", line)[1:-1]
    shown = [c.strip().replace("\\|", "|")[:90] for c in cells]
    print("%d cells: %s" % (len(cells), " ¦ ".join(shown)))
