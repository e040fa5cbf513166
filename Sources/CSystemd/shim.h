#ifndef CSYSTEMD_SHIM_H
#define CSYSTEMD_SHIM_H

/* Do not attach CODE_FILE/CODE_LINE/CODE_FUNC of this shim to journal entries. */
#define SD_JOURNAL_SUPPRESS_LOCATION

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

#endif
