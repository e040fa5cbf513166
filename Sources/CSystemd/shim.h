#ifndef CSYSTEMD_SHIM_H
#define CSYSTEMD_SHIM_H

/* Do not attach CODE_FILE/CODE_LINE/CODE_FUNC of this shim to journal entries. */
#define SD_JOURNAL_SUPPRESS_LOCATION

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/timerfd.h>
#include <sys/inotify.h>
#include <time.h>

/* Swift cannot see the TFD_ and IN_ macros that are built from expressions; export them as constants. */
static const int CSystemd_TFD_TIMER_ABSTIME = TFD_TIMER_ABSTIME;
static const int CSystemd_TFD_TIMER_CANCEL_ON_SET = TFD_TIMER_CANCEL_ON_SET;
static const int CSystemd_TFD_CLOEXEC = TFD_CLOEXEC;
static const unsigned int CSystemd_IN_WATCHED = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF;
static const unsigned int CSystemd_IN_ISDIR = IN_ISDIR;
static const int CSystemd_IN_CLOEXEC = IN_CLOEXEC;

#endif
