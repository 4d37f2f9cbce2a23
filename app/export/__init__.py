"""Export of lists and reports (导出): a typed table, masked per role, written as XLSX or CSV."""
