#!/usr/bin/env python3
"""Reads an mbox with Python's email parser (policy=default) and prints, as JSON, the messages whose
Delivered-To or To contains TAG: headers, decoded subject, recipients, the text and the iCalendar part."""
import email
import email.policy
import json
import mailbox
import sys


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
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default), create=False)
    result = []
    for message in box:
        delivered = " ".join(message.get_all("Delivered-To", []))
        to = " ".join(str(v) for v in message.get_all("To", []))
        if tag not in delivered and tag not in to:
            continue
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
        }
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                entry["calendar"] = calendar(part.get_content())
                entry["calendar"]["method"] = part.get_param("method")
        result.append(entry)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
