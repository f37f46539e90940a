// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>

// A property a harness checks on every input. A broken one says which and aborts: libFuzzer
// reports that as a crash and saves the input; the corpus replay under ctest fails on it.
#define FUZZ_CHECK(condition, ...) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "fuzz check failed at %s:%d: %s\n  ", __FILE__, __LINE__, \
                         #condition); \
            std::fprintf(stderr, __VA_ARGS__); \
            std::fputc('\n', stderr); \
            std::abort(); \
        } \
    } while (0)
