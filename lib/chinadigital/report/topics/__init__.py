"""One module per report theme: the data each chart needs, the chart call, and the key findings.

The notebooks call these; they hold no logic of their own.
"""


def title(table: dict, key: str, lang: str, **fields) -> str:
    """A chart title from a topic's table of titles, in the report's language."""
    return table[key][lang].format(**fields)
