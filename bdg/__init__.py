"""bdg — the gender-equality plan's yearly cycle in Excel: plan, forms, intake, consolidation, report."""

__version__ = "0.1.0"
