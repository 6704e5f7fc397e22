"""The Excel front door: xlwings macros and custom functions over the same core operations."""
