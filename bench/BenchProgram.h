// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "BenchStore.h"

#include <functional>

namespace branchline {

// The main() both benchmark sides share: parse the options, run the steps over `store`,
// then `afterwards` (the read steps on the side's own C API), and clean up the files.
int runBenchProgram(int argc, char *argv[], const char *side, BenchStore &store,
                    const std::function<bool(const BenchOptions &)> &afterwards);

} // namespace branchline
