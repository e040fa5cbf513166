#!/usr/bin/env python3
"""Reads an mbox and prints, as JSON, the calendar parts of the messages whose Delivered-To or To
contains TAG, each parsed with the icalendar package as a calendar program would parse it: the
part's method= parameter, and the object's METHOD, UID, SEQUENCE, DTSTART, ORGANIZER, ATTENDEE and
STATUS. A part that icalendar cannot read is an error (exit 1)."""
import json
import sys

import icalendar

from tagged_mbox import tagged_messages


def main(path, tag):
    result = []
    for message in tagged_messages(path, tag):
        for part in message.walk():
            if part.get_content_type() != "text/calendar":
                continue
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            events = [component for component in calendar.walk("VEVENT")]
            if len(events) != 1:
                raise SystemExit(f"{len(events)} events in one calendar part (iTIP allows one UID per object)")
            event = events[0]
            result.append({
                "keys": [str(v) for v in message.get_all("X-Planwatch-Key", [])],
                "to": [a.addr_spec for h in message.get_all("To", []) for a in h.addresses],
                "content_method": part.get_param("method"),
                "method": str(calendar.get("METHOD")),
                "uid": str(event.get("UID")),
                "sequence": int(event.get("SEQUENCE")),
                "start": event.decoded("DTSTART").isoformat(),
                "organizer": str(event.get("ORGANIZER")),
                "attendees": [str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")])],
                "rsvp": [a.params.get("RSVP") for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")])],
                "status": str(event.get("STATUS")),
            })
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
