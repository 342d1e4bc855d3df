"""The dataset layer: where the data live, periods, units and numbers, the stated forms, validation, loading
and queries, derived quantities and money. It imports nothing from the report or the batch."""
