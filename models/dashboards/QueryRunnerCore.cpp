// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QueryRunnerCore.h"

#include "dashboards/ResultLabels.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUuid>

#include <sqlite3.h>

namespace branchline {

Q_LOGGING_CATEGORY(lcQueryRunner, "branchline.dashboards.runner")

bool CancelBoard::isCancelled(int id)
{
    QMutexLocker lock(&mutex);
    return cancelled.contains(id);
}

void CancelBoard::cancel(int id)
{
    QMutexLocker lock(&mutex);
    cancelled.insert(id);
    // Under the lock, so the statement interrupted is this request's and no other's.
    if (running == id && handle)
        sqlite3_interrupt(static_cast<sqlite3 *>(handle));
}

bool CancelBoard::forget(int id)
{
    QMutexLocker lock(&mutex);
    return cancelled.remove(id);
}

QueryRunnerCore::QueryRunnerCore(QString storePath, std::shared_ptr<CancelBoard> board)
    : m_storePath(std::move(storePath))
    , m_board(std::move(board))
{
}

QueryRunnerCore::~QueryRunnerCore() = default;

void QueryRunnerCore::open(SecretBytes key, LocalStore::KeyKind kind)
{
    m_connectionName = QStringLiteral("branchline-dashboards-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    StoreError error;
    // Read-only: dashboards only look, and the sync worker is the one who writes.
    SqlCipherDriver::Options options;
    options.readOnly = true;
    m_db = LocalStore::openConnection(m_storePath, m_connectionName, std::move(key), kind, false,
                                      &error, options);
    if (!m_db.isOpen()) {
        emit opened(false, error.message);
        return;
    }
    {
        QMutexLocker lock(&m_board->mutex);
        m_board->handle = m_db.driver()->handle().value<void *>();
    }
    m_labels = std::make_unique<ResultLabels>(m_db);
    emit opened(true, QString());
}

void QueryRunnerCore::shutdown()
{
    {
        QMutexLocker lock(&m_board->mutex);
        m_board->handle = nullptr;
    }
    m_labels.reset();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        LocalStore::closeConnection(m_connectionName);
    QThread::currentThread()->quit();
}

bool QueryRunnerCore::select(int id, const CompiledQuery &compiled, QList<QVariantList> *rows,
                             QString *error)
{
    if (!m_db.isOpen()) {
        *error = tr("The local store is not open.");
        return false;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(compiled.sql)) {
        qCWarning(lcQueryRunner) << "prepare failed:" << query.lastError().nativeErrorCode();
        *error = tr("The figures could not be read from the local store.");
        return false;
    }
    for (const QVariant &value : compiled.bindings)
        query.addBindValue(value);
    {
        QMutexLocker lock(&m_board->mutex);
        m_board->running = id;
    }
    const bool ran = query.exec();
    // Once: record() builds a QSqlRecord with every column's name and type.
    const int columns = ran ? query.record().count() : 0;
    while (ran && query.next()) {
        QVariantList row;
        row.reserve(columns);
        // NULL as an empty QVariant: the driver hands out a typed null, which Qt 6 does
        // not call null, and an empty group's key must read as NULL to drill into it.
        for (int column = 0; column < columns; ++column)
            row.append(query.isNull(column) ? QVariant() : query.value(column));
        rows->append(row);
    }
    const QSqlError failure = query.lastError();
    {
        QMutexLocker lock(&m_board->mutex);
        m_board->running = 0;
    }
    if (failure.isValid() && failure.type() != QSqlError::NoError) {
        // The error code only: the statement's values could hold what was filtered on.
        qCWarning(lcQueryRunner) << "query failed:" << failure.nativeErrorCode();
        *error = tr("The figures could not be read from the local store.");
        return false;
    }
    return true;
}

void QueryRunnerCore::execute(const QueryJob &job)
{
    if (job.drillDown)
        runDrillDown(job);
    else
        runQuery(job);
}

void QueryRunnerCore::runQuery(const QueryJob &job)
{
    QueryResult result;
    result.requestId = job.id;
    result.columns = job.query.columns;
    if (m_board->isCancelled(job.id)) {
        result.cancelled = true;
        emit finished(job.id, job.slot, result);
        return;
    }
    emit started(job.id, job.slot);
    QElapsedTimer timer;
    timer.start();
    QString error;
    bool ok = select(job.id, job.query, &result.values, &error);
    if (ok && job.previous) {
        QList<QVariantList> previous;
        ok = select(job.id, *job.previous, &previous, &error);
        if (ok && !previous.isEmpty()) {
            result.previousTotals = previous.first();
            result.hasPrevious = true;
        }
    }
    if (m_board->isCancelled(job.id)) {
        result = QueryResult();
        result.requestId = job.id;
        result.cancelled = true;
    } else if (!ok) {
        result.values.clear();
        result.error = error;
    } else {
        m_labels->fill(&result, job.spec, job.role);
    }
    result.elapsedMs = timer.elapsed();
    emit finished(job.id, job.slot, result);
}

void QueryRunnerCore::runDrillDown(const QueryJob &job)
{
    DrillDownResult result;
    result.requestId = job.id;
    result.dataSet = job.spec.dataSet;
    if (m_board->isCancelled(job.id)) {
        result.error = tr("Cancelled.");
        emit drillDownFinished(job.id, job.slot, result);
        return;
    }
    emit started(job.id, job.slot);
    QList<QVariantList> rows;
    QString error;
    if (!select(job.id, job.query, &rows, &error)) {
        result.error = m_board->isCancelled(job.id) ? tr("Cancelled.") : error;
        emit drillDownFinished(job.id, job.slot, result);
        return;
    }
    result.truncated = rows.size() > job.drillLimit;
    if (result.truncated)
        rows.resize(job.drillLimit);
    for (const QVariantList &row : std::as_const(rows)) {
        result.records.append({ row.value(0).toString(), row.value(1).toString(),
                                row.value(2).toString(), row.value(3).toString() });
    }
    emit drillDownFinished(job.id, job.slot, result);
}

} // namespace branchline
