// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QVariant>

struct sqlite3;

namespace branchline {

// One statement a product connection ran: its SQL text exactly as prepared (with its `?`
// placeholders) and the values that were bound to them.
struct RecordedStatement
{
    QByteArray sql;
    QVariantList values;
};

// Records what the client code runs on its connection, so the benchmark's baseline runs
// the very same SQL with the very same values straight on the C API, instead of a
// hand-written copy that could drift from the repositories.
//
// SQLite's statement trace (sqlite3_trace_v2, SQLITE_TRACE_STMT) gives each statement as
// it starts. The bound values come from sqlite3_expanded_sql(), which copies the prepared
// text and writes each parameter as a literal: the two texts are walked side by side and
// each literal is read back into the value that was bound.
//
// Tracing costs time, so the benchmark records in an untimed run and measures without it.
class StatementRecorder
{
public:
    explicit StatementRecorder(sqlite3 *db);
    ~StatementRecorder();
    StatementRecorder(const StatementRecorder &) = delete;
    StatementRecorder &operator=(const StatementRecorder &) = delete;

    // Statements started while recording are kept; trigger programs are not (they run as
    // part of their statement).
    void setRecording(bool on) { m_recording = on; }
    const QList<RecordedStatement> &statements() const { return m_statements; }
    // The first expanded text that could not be read back, if any.
    QString error() const { return m_error; }

    // The values in `expanded` where `sql` has its placeholders; false when the texts do
    // not line up (the statement is then not replayable as recorded).
    static bool recoverValues(const QByteArray &sql, const QByteArray &expanded,
                              QVariantList *values);

private:
    static int onTrace(unsigned type, void *context, void *statement, void *text);

    sqlite3 *m_db;
    bool m_recording = false;
    QList<RecordedStatement> m_statements;
    QString m_error;
};

} // namespace branchline
