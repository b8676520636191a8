"""Tools shared by the tests, the MkDocs hooks and dev.py.

`pages` finds every code block on every page (after expanding includes),
`outputs` runs a snippet the way a student does and compares its output,
`pythons` finds the CPython interpreters the snippets are checked on.
"""
