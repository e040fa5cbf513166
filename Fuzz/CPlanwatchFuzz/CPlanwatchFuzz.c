// The declaration in CPlanwatchFuzz.h is all; libFuzzer (-sanitize=fuzzer) defines the function.
#include "CPlanwatchFuzz.h"
