"""One module per report theme: the data each chart needs, the chart call, and the key findings.

The notebooks call these; they hold no logic of their own.
"""
