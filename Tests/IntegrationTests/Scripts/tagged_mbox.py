"""The messages of an mbox addressed to one test: those whose Delivered-To or To contains TAG, parsed
with Python's email parser (policy=default).

The test mailbox is shared by every test of a run, and the high-availability and concurrency tests
put thousands of messages in it: parsing all of them on every poll of every test made the whole run
CPU-bound. So the file is split at its "From " lines (as mailbox.mbox splits it) and only messages
whose header section contains TAG at all are parsed; of those, the Delivered-To and To headers decide,
as before."""
import email
import email.policy
import re

_SEPARATOR = re.compile(rb"^From ", re.MULTILINE)


def tagged_messages(path, tag):
    """Yields the parsed messages of the mbox at PATH addressed to TAG, in the order they arrived."""
    with open(path, "rb") as file:
        data = file.read()
    needle = tag.encode()
    starts = [match.start() for match in _SEPARATOR.finditer(data)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        headers_end = data.find(b"\n\n", start, end)
        if data.find(needle, start, end if headers_end < 0 else headers_end) < 0:
            continue
        body_start = data.find(b"\n", start, end) + 1
        if body_start == 0:  # a From_ line still being written: no message yet
            continue
        # mailbox.mbox leaves out the blank line that ends a message before the next one.
        stop = end - 1 if data[end - 2:end] == b"\n\n" else end
        message = email.message_from_bytes(data[body_start:stop], policy=email.policy.default)
        delivered = " ".join(message.get_all("Delivered-To", []))
        to = " ".join(str(value) for value in message.get_all("To", []))
        if tag in delivered or tag in to:
            yield message
