#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H

/* glibc's allocator tuning (mallopt), which Swift's Glibc module does not include. */
#include <malloc.h>

static const int CMalloc_M_TOP_PAD = M_TOP_PAD;

#endif
