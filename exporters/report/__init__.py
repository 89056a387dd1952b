"""``kg report``: an HTML report with plots of the graph, readable offline (plots are inline SVG)."""

from exporters.report.report import report_data, write_report

__all__ = ["report_data", "write_report"]
