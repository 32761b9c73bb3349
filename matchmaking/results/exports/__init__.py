"""Exports of a conference's results: CSV per sheet, XLSX of all, the PDF report."""
