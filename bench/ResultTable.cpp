// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultTable.h"

namespace branchline {

namespace {

const QString plainSide = "plain";
const QString cipherSide = "cipher";
const QString capiSide = "cipher-capi";
const QString plainCapiSide = "plain-capi";

// `key=value` fields of one line; the last field's value runs to the end of the line, so
// it may hold spaces (titles, plan details).
QHash<QString, QString> fields(const QString &line, const QString &lastKey)
{
    QHash<QString, QString> result;
    QString rest = line.section(' ', 1);
    const qsizetype last = rest.indexOf(' ' + lastKey + '=');
    QString tail;
    if (last >= 0) {
        tail = rest.mid(last + lastKey.size() + 2);
        rest = rest.left(last);
    } else if (rest.startsWith(lastKey + '=')) {
        tail = rest.mid(lastKey.size() + 1);
        rest.clear();
    }
    for (const QString &field : rest.split(' ', Qt::SkipEmptyParts))
        result.insert(field.section('=', 0, 0), field.section('=', 1));
    if (last >= 0 || !tail.isEmpty())
        result.insert(lastKey, tail);
    return result;
}

QString number(double ms)
{
    return ms < 0 ? QString("-") : QString::number(ms, 'f', ms < 100 ? 2 : 1);
}

QString ratio(double subject, double base)
{
    return subject < 0 || base <= 0 ? QString("-") : QString::number(subject / base, 'f', 2) + "x";
}

} // namespace

void ResultTable::addOutput(const QString &output)
{
    for (const QString &line : output.split('\n', Qt::SkipEmptyParts)) {
        const QString kind = line.section(' ', 0, 0);
        if (kind == "STEP") {
            const auto f = fields(line, "title");
            if (!m_steps.contains(f.value("step")))
                m_steps << f.value("step");
            m_titles.insert(f.value("step"), f.value("title"));
        } else if (kind == "RESULT") {
            const auto f = fields(line, "reps");
            if (!m_sides.contains(f.value("side")))
                m_sides << f.value("side");
            m_ms[f.value("side")].insert(f.value("step"), f.value("ms").toDouble());
        } else if (kind == "CHECK") {
            const auto f = fields(line, "value");
            m_checks[f.value("side")].insert(f.value("step"), f.value("value"));
        } else if (kind == "INFO") {
            const auto f = fields(line, "value");
            m_info[f.value("side")].insert(f.value("key"), f.value("value"));
        } else if (kind == "MEMORY") {
            const auto f = fields(line, "peak_rss_kib");
            m_rssKib.insert(f.value("side"), f.value("peak_rss_kib").toLongLong());
        } else if (kind == "PLAN") {
            m_plans << line.section(' ', 1);
        }
    }
}

QString ResultTable::info(const QString &side, const QString &key) const
{
    return m_info.value(side).value(key);
}

double ResultTable::ms(const QString &side, const QString &step) const
{
    return m_ms.value(side).value(step, -1);
}

QString ResultTable::targetTable(int *misses) const
{
    *misses = 0;
    QString table = "| step | baseline | baseline ms | cipher ms | ratio | target | result |\n"
                    "|---|---|--:|--:|--:|--:|---|\n";
    const auto row = [&](const QString &step, const QString &baseSide, const QString &baseName,
                         double target) {
        const double base = ms(baseSide, step);
        const double subject = ms(cipherSide, step);
        QString verdict = "n/a";
        if (base > 0 && subject >= 0) {
            const bool pass = subject / base <= target;
            verdict = pass ? "PASS" : "MISS";
            if (!pass)
                ++*misses;
        }
        table += QString("| %1 | %2 | %3 | %4 | %5 | %6x | %7 |\n")
                         .arg(step, baseName, number(base), number(subject), ratio(subject, base),
                              QString::number(target, 'f', 1), verdict);
    };
    const QString plainName = "plain SQLite " + info(plainSide, "sqlite_version");
    for (const QString &step : m_steps)
        row(step, plainSide, plainName, plainTarget);
    // The second target concerns the full-text page only.
    for (const QString &step : m_steps) {
        if (step.startsWith("fts_") && ms(capiSide, step) >= 0)
            row(step, capiSide, "SQLCipher C API", capiTarget);
    }
    return table;
}

QString ResultTable::engineTable(const QString &engineSide) const
{
    const QString engineCapi = engineSide + "-capi";
    QString table =
            QString("| step | plain QSQLITE | plain C API | engine QSQLITE | engine C API "
                    "| cipher C API | cipher driver | QSQLITE / C API (plain) "
                    "| engine %1 / %2 | encryption | our driver / C API |\n"
                    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
                    .arg(info(engineSide, "sqlite_version"), info(plainSide, "sqlite_version"));
    for (const QString &step : m_steps) {
        const double plain = ms(plainSide, step);
        const double plainCapi = ms(plainCapiSide, step);
        const double engine = ms(engineSide, step);
        const double engineCapiMs = ms(engineCapi, step);
        const double cipherCapi = ms(capiSide, step);
        const double cipher = ms(cipherSide, step);
        // Where a step has no C API run (the insert), both factors come from the Qt
        // drivers, and the second then holds our driver's difference to QSQLITE too.
        const bool haveCapi = plainCapi >= 0 && engineCapiMs >= 0 && cipherCapi >= 0;
        const QString engineFactor =
                haveCapi ? ratio(engineCapiMs, plainCapi) : ratio(engine, plain);
        const QString encryption =
                haveCapi ? ratio(cipherCapi, engineCapiMs) : ratio(cipher, engine) + " *";
        table += QString("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 |\n")
                         .arg(step, number(plain), number(plainCapi), number(engine),
                              number(engineCapiMs), number(cipherCapi), number(cipher),
                              ratio(plain, plainCapi), engineFactor)
                         .arg(encryption, ratio(cipher, cipherCapi));
    }
    table += "\nAll times in ms. engine = SQLCipher's SQLite without a key (bench_store_plain "
             "with LD_PRELOAD of libsqlcipher).\n"
             "engine factor = engine C API / plain C API; encryption = cipher C API / engine C "
             "API;\n* no C API run for this step: cipher driver / engine QSQLITE, which also "
             "holds the driver difference.\n";
    return table;
}

QString ResultTable::settings() const
{
    QString text;
    for (const QString &side : m_sides) {
        const auto &values = m_info.value(side);
        if (values.isEmpty())
            continue;
        QStringList parts;
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            parts << it.key() + '=' + it.value();
        text += QString("  %1: %2\n").arg(side, parts.join(' '));
    }
    return text;
}

QString ResultTable::memory() const
{
    QStringList parts;
    for (const QString &side : m_sides) {
        if (m_rssKib.contains(side)) {
            parts << QString("%1 %2 MiB")
                             .arg(side)
                             .arg(static_cast<double>(m_rssKib.value(side)) / 1024.0, 0, 'f', 1);
        }
    }
    return "peak RSS: " + parts.join(", ") + '\n';
}

QString ResultTable::plans() const
{
    return m_plans.isEmpty() ? QString() : "  " + m_plans.join("\n  ") + '\n';
}

QString ResultTable::legend() const
{
    QString text;
    for (const QString &step : m_steps) {
        text += QString("  %1: %2\n      returned: %3\n")
                        .arg(step, m_titles.value(step), m_checks.value(plainSide).value(step));
    }
    return text;
}

QStringList ResultTable::mismatches() const
{
    QStringList problems;
    for (const QString &step : m_steps) {
        const QString expected = m_checks.value(plainSide).value(step);
        for (const QString &side : m_sides) {
            const QString actual = m_checks.value(side).value(step);
            if (side == plainSide || actual.isEmpty())
                continue;
            if (actual != expected) {
                problems << QString("%1: %2 says \"%3\", plain says \"%4\"")
                                    .arg(step, side, actual, expected);
            }
        }
    }
    return problems;
}

} // namespace branchline
