// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSqlResult>
#include <QVariant>

struct sqlite3_stmt;

namespace branchline {

class SqlCipherDriver;

// One statement on a SqlCipherDriver connection.
//
// Forward-only queries read each row straight from the statement; scrollable ones keep
// the rows they have passed, so seek() backwards works without re-running the query.
// exec() of a script without bound values runs every statement in it and keeps the last
// one's rows, which is what migrations with triggers need.
class SqlCipherResult : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

protected:
    QVariant data(int column) override;
    bool isNull(int column) override;
    bool reset(const QString &query) override;
    bool prepare(const QString &query) override;
    bool exec() override;
    bool fetch(int row) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    QVariant handle() const override;
    void detachFromResultSet() override;

private:
    bool prepareStatement(const QByteArray &sql, const char **tail);
    bool bindValues();
    bool step(); // advances the statement; false at the end or on an error
    bool stepToRow(int row);
    QVariant columnValue(int column) const;
    void finalize();
    bool setStepError(int resultCode);

    const SqlCipherDriver *m_driver;
    sqlite3_stmt *m_statement = nullptr;
    QList<QList<QVariant>> m_rows; // rows passed so far, scrollable queries only
    QList<QVariant> m_currentRow; // the statement's row, copied for scrollable queries
    int m_stepped = 0; // rows the statement has produced
    bool m_pendingFirstRow = false;
    bool m_finished = false;
    int m_rowsAffected = 0;
    qint64 m_lastInsertId = 0;
};

} // namespace branchline
