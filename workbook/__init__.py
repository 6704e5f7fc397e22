"""The master workbook: sheet layouts (one source of truth), build, load, atomic save, consolidation."""
