"""The HTML page the report and the lesson materials share: one file, its style inline, made
to be read on screen and printed on A4 or Letter."""

from __future__ import annotations

from html import escape

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2433;margin:0 auto;
max-width:760px;padding:24px;line-height:1.45}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d6dae4}
h3{font-size:1em;margin:1.2em 0 .3em}
.muted{color:#5d6679}.small{font-size:.85em}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border-bottom:1px solid #e3e6ee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f9}td.num{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}
.true{color:#2f7d4f;font-weight:600}.false{color:#b3402e;font-weight:600}
.box{border:1px solid #c9cfdb;border-radius:6px;padding:10px 14px;margin:10px 0}
.lines{border-bottom:1px solid #9aa5bd;height:1.9em}
.scale{display:flex;gap:4px;font-size:.75em}.scale span{border:1px solid #9aa5bd;
border-radius:4px;padding:2px 5px}
.code .cells{display:flex;flex-wrap:wrap;gap:3px;margin-top:6px}.code .cells span{
border:1px solid #9aa5bd;border-radius:3px;width:5.2em;height:1.9em;line-height:1.9em;
text-align:center;font-family:monospace}
svg.chart{max-width:100%;height:auto;display:block;margin:6px 0}
.problem{color:#b3402e}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}
.box,tr,.code .cells{display:flex;flex-wrap:wrap;gap:3px;margin-top:6px}.code .cells span{
border:1px solid #9aa5bd;border-radius:3px;width:5.2em;height:1.9em;line-height:1.9em;
text-align:center;font-family:monospace}
svg.chart{break-inside:avoid}.pagebreak{break-before:page}a{color:inherit}}
"""


def page(title: str, body: str, language: str = "en") -> str:
    """A whole HTML document around ``body`` (already HTML), titled ``title`` (plain text)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
