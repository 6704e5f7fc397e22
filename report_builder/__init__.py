"""The annual consolidated report and the mid-term and final reviews (docx, pdf, html)."""
