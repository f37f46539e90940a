// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientSteps.h"

#include "ClientBenchTools.h"

#include <algorithm>

namespace branchline {

double StepResult::medianClientMs() const
{
    QList<double> values;
    for (const StepSample &sample : samples)
        values << sample.clientMs;
    return median(values);
}

double StepResult::medianBaselineMs() const
{
    QList<double> values;
    for (const StepSample &sample : samples)
        values << sample.baselineMs;
    return median(values);
}

double StepResult::worstStallMs() const
{
    double worst = 0;
    for (const StepSample &sample : samples)
        worst = std::max(worst, sample.stallMs);
    return worst;
}

} // namespace branchline
