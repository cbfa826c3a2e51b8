"""A borough's customers screens, one module per area: the customers themselves (list,
record, changes, history, reasons, who looked), their employment support journeys, and
the provider's appointment lists."""
