"""Intake: read a filled agency form (xlsx, xlsm, xls, ods) and return values plus problems."""
