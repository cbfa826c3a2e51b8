"""Generic export machinery: datasets (columns over a queryset the user may see), cell
neutralising, and writers that stream rows to CSV or .xlsx with flat memory."""
