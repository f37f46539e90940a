// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchOptions.h"

namespace branchline {

bool BenchOptions::parse(const QStringList &arguments, const QString &defaultSide,
                         BenchOptions *options, QString *error)
{
    options->side = defaultSide;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (argument == "--rows" && hasValue) {
            bool ok = false;
            options->rows = arguments.at(++i).toLongLong(&ok);
            // Below a few thousand rows the medians measure noise, not the store.
            if (!ok || options->rows < 1000) {
                *error = "--rows needs a number of at least 1000";
                return false;
            }
        } else if (argument == "--file" && hasValue) {
            options->filePath = arguments.at(++i);
        } else if (argument == "--side" && hasValue) {
            options->side = arguments.at(++i);
        } else if (argument == "--keep") {
            options->keep = true;
        } else if (argument == "--plans") {
            options->plans = true;
        } else {
            *error = "unknown or incomplete argument: " + argument;
            return false;
        }
    }
    return true;
}

QString BenchOptions::usage(const QString &program)
{
    return "usage: " + program
            + " [--rows N] [--file PATH] [--keep] [--plans] [--side LABEL]\n"
              "  --rows N     customers to insert (default 1000000)\n"
              "  --file PATH  store file to create (default: a temporary file)\n"
              "  --keep       keep the store file afterwards\n"
              "  --plans      print EXPLAIN QUERY PLAN of each timed query\n"
              "  --side NAME  label of the result lines\n";
}

} // namespace branchline
