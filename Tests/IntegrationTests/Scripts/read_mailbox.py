#!/usr/bin/env python3
"""Reads an mbox with Python's email parser (policy=default) and prints, as JSON, the messages whose
Delivered-To or To contains TAG: headers, decoded subject, recipients, the text, the iCalendar part
and the attachments (HTML parsed with html.parser, CSV read back with the csv module)."""
import csv
import json
import sys
from html.parser import HTMLParser

from tagged_mbox import tagged_messages


class _Outline(HTMLParser):
    """Counts the elements of an HTML document, checks they close in order, and keeps its title."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
            "path", "line", "rect", "circle", "polyline", "stop"}

    def __init__(self):
        super().__init__()
        self.counts, self.stack, self.title, self.in_title, self.unbalanced = {}, [], "", False, 0

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in self.VOID:
            self.stack.append(tag)
        self.in_title = tag == "title" and len(self.stack) <= 3

    def handle_startendtag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.unbalanced += 1
        self.in_title = False

    def handle_data(self, data):
        if self.in_title and not self.title:
            self.title = data.strip()


def attachment(part):
    data = part.get_payload(decode=True) or b""
    entry = {"filename": part.get_filename(), "content_type": part.get_content_type(), "size": len(data)}
    if part.get_content_type() == "text/html":
        outline = _Outline()
        outline.feed(data.decode("utf-8"))
        outline.close()
        entry["html"] = {"title": outline.title, "tables": outline.counts.get("table", 0), "svgs": outline.counts.get("svg", 0),
                         "scripts": outline.counts.get("script", 0), "unclosed": len(outline.stack), "unbalanced": outline.unbalanced}
    if part.get_content_type() == "text/csv":
        rows = list(csv.reader(data.decode("utf-8").splitlines(), strict=True))
        entry["csv"] = {"header": rows[0] if rows else [], "rows": len(rows) - 1,
                        "widths": sorted({len(r) for r in rows}), "first": rows[1] if len(rows) > 1 else []}
    return entry


def calendar(text):
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return {"valid": False}
    events, current = [], None
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and not name.startswith("BEGIN") and not name.startswith("END"):
            current.setdefault(name.split(";")[0], value)
    return {"valid": True, "events": events}


def main(path, tag):
    result = []
    for message in tagged_messages(path, tag):
        body = message.get_body(preferencelist=("plain",))
        entry = {
            "message_id": message["Message-ID"],
            "subject": str(message["Subject"]),
            "to": [a.addr_spec for h in message.get_all("To", []) for a in h.addresses],
            "cc": [str(v) for v in message.get_all("Cc", [])],
            "bcc": [str(v) for v in message.get_all("Bcc", [])],
            "delivered_to": message.get_all("Delivered-To", []),
            "headers": list(message.keys()),
            "auto_submitted": message["Auto-Submitted"],
            "reply_to": [a.addr_spec for h in message.get_all("Reply-To", []) for a in h.addresses],
            "in_reply_to": message["In-Reply-To"],
            "keys": [str(v) for v in message.get_all("X-Planwatch-Key", [])],
            "text": body.get_content() if body is not None else None,
            "defects": [type(d).__name__ for d in message.defects],
            "calendar": None,
            "attachments": [],
            "size": len(message.as_bytes()),
        }
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                entry["calendar"] = calendar(part.get_content())
                entry["calendar"]["method"] = part.get_param("method")
            elif part.get_filename() and part.get_content_maintype() != "multipart":
                entry["attachments"].append(attachment(part))
        result.append(entry)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
