"""files → lines, sections, tables, chunks → store."""
