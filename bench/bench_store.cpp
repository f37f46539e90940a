// SPDX-License-Identifier: GPL-3.0-or-later
// bench_store: runs the storage benchmark on both sides, one process after the other, on
// the same number of customers, and prints one table of ratios.
//
// The two sides must live in two processes: libsqlcipher and libsqlite3 export the same
// sqlite3_* symbols, and a process holding both binds QSQLITE to SQLCipher's copy. That
// same effect is put to use for the "engine" run: bench_store_plain started with
// LD_PRELOAD=libsqlcipher runs QSQLITE on SQLCipher's SQLite without a key, which
// separates what the older engine costs from what encryption and our driver cost.
#include "ResultTable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace branchline;

namespace {

struct Options
{
    qint64 rows = 1000000;
    QString dir;
    bool keep = false;
    bool engineSplit = true;
    bool plans = false;
};

void print(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString &text)
{
    std::fputs((text + '\n').toUtf8().constData(), stderr);
}

bool parse(const QStringList &arguments, Options *options)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        bool ok = true;
        if (argument == "--rows" && hasValue)
            options->rows = arguments.at(++i).toLongLong(&ok);
        else if (argument == "--dir" && hasValue)
            options->dir = arguments.at(++i);
        else if (argument == "--keep")
            options->keep = true;
        else if (argument == "--no-engine-split")
            options->engineSplit = false;
        else if (argument == "--plans")
            options->plans = true;
        else
            ok = false;
        if (!ok || options->rows < 1000) {
            printError("usage: bench_store [--rows N] [--dir DIR] [--keep] [--no-engine-split] "
                       "[--plans]\n"
                       "  --rows N            customers per side (default 1000000, at least 1000)\n"
                       "  --dir DIR           where the store files go (default: a temporary "
                       "folder)\n"
                       "  --keep              keep the store files\n"
                       "  --no-engine-split   skip the third run (QSQLITE on SQLCipher's engine, "
                       "no key)\n"
                       "  --plans             print EXPLAIN QUERY PLAN of the timed queries");
            return false;
        }
    }
    return true;
}

// Runs one benchmark program to its end and returns what it printed on stdout; its
// progress (stderr) goes straight to ours.
bool runSide(const QString &program, const QStringList &arguments,
             const QProcessEnvironment &environment, QString *output)
{
    printError(QString("== %1 %2").arg(QFileInfo(program).fileName(), arguments.join(' ')));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        printError("cannot start " + program + ": " + process.errorString());
        return false;
    }
    process.waitForFinished(-1);
    *output = QString::fromUtf8(process.readAllStandardOutput());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        printError(QString("%1 failed (exit code %2)").arg(program).arg(process.exitCode()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parse(app.arguments(), &options))
        return 2;

    QTemporaryDir temporary;
    if (options.dir.isEmpty()) {
        temporary.setAutoRemove(!options.keep);
        options.dir = temporary.path();
    }
    QDir().mkpath(options.dir);
    const QDir dir(options.dir);
    const QDir programs(QCoreApplication::applicationDirPath());

    const auto arguments = [&](const QString &file, const QString &side) {
        QStringList list{ "--rows", QString::number(options.rows),
                          "--file", dir.filePath(file),
                          "--side", side };
        if (options.keep)
            list << "--keep";
        if (options.plans)
            list << "--plans";
        return list;
    };
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();

    // One after the other, never side by side: the machine may have two cores, and each
    // side must have them to itself.
    ResultTable table;
    QString output;
    if (!runSide(programs.filePath("bench_store_plain"), arguments("plain.db", "plain"), system,
                 &output))
        return 1;
    table.addOutput(output);
    if (!runSide(programs.filePath("bench_store_cipher"), arguments("cipher.db", "cipher"), system,
                 &output))
        return 1;
    table.addOutput(output);

    const QString engineSide = "sqlcipher-engine";
    if (options.engineSplit) {
        QProcessEnvironment preload = system;
        preload.insert("LD_PRELOAD", QString::fromUtf8(BRANCHLINE_SQLCIPHER_LIBRARY));
        if (!runSide(programs.filePath("bench_store_plain"), arguments("engine.db", engineSide),
                     preload, &output))
            return 1;
        table.addOutput(output);
    }

    int misses = 0;
    print(QString("\nStorage benchmark, %1 customers per side\n\n").arg(options.rows));
    print(table.targetTable(&misses));
    print(QString("\n%1 step(s) missed the target.\n").arg(misses));

    const bool engineValid = table.hasSide(engineSide)
            && table.info(engineSide, "sqlite_version") == table.info("cipher", "sqlite_version");
    if (table.hasSide(engineSide) && !engineValid) {
        printError("the engine run did not run on SQLCipher's SQLite (LD_PRELOAD "
                   "of " BRANCHLINE_SQLCIPHER_LIBRARY " had no effect); its column is left out");
    }
    if (engineValid) {
        print("\nWhere the cost comes from (engine version vs encryption and driver):\n\n");
        print(table.engineTable(engineSide));
    }
    print("\nSteps:\n" + table.legend());
    print("\nSettings each side reported:\n" + table.settings());
    print('\n' + table.memory());
    if (options.plans)
        print("\nQuery plans:\n" + table.plans());

    const QStringList mismatches = table.mismatches();
    if (!mismatches.isEmpty()) {
        print("\nWARNING: the sides did not return the same results, so they did not do the "
              "same work:\n  "
              + mismatches.join("\n  ") + '\n');
        return 1;
    }
    print("\nEvery step returned the same results on every side.\n");
    return 0;
}
