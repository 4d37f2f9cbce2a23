"""导出: any list or report of the seat to XLSX or CSV (app.export does the writing)."""
