"""Knowledge: the readable data files behind entity rules and actor resolution.

Built-in files live in `chronicle/knowledge/data/`. Users extend them by
pointing `CHRONICLE_KNOWLEDGE` at one or more directories (separated by
`os.pathsep`) holding files of the same names and columns: their rows are
added after the built-in ones, and a user row wins where both define the same
alias.
"""

from chronicle.knowledge.base import Knowledge, data_path, load_knowledge

__all__ = ["Knowledge", "data_path", "load_knowledge"]
