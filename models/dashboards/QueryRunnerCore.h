// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryCompiler.h"
#include "dashboards/QueryResult.h"
#include "dashboards/QuerySpec.h"
#include "keys/SecretBytes.h"
#include "store/LocalStore.h"

#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace branchline {

// One request as the worker runs it: compiled on the GUI thread, run here.
struct QueryJob
{
    int id = 0;
    QString slot;
    QuerySpec spec;
    Role role = Role::SalesRep;
    CompiledQuery query;
    std::optional<CompiledQuery> previous; // a KPI's previous period
    bool drillDown = false;
    int drillLimit = QueryCompiler::kDrillLimit;
};

// What the GUI thread and the worker share to cancel: the ids given up on, the request
// running now, and the connection's handle for sqlite3_interrupt (safe from any thread).
struct CancelBoard
{
    QMutex mutex;
    QSet<int> cancelled;
    int running = 0;
    void *handle = nullptr;

    bool isCancelled(int id);
    // Marks `id` cancelled and interrupts the statement if it is the one running.
    void cancel(int id);
    // Forgets a request that has been answered; whether it had been cancelled.
    bool forget(int id);
};

// The worker-thread half of QueryRunner: owns the runner's connection.
class ResultLabels;

class QueryRunnerCore : public QObject
{
    Q_OBJECT
public:
    QueryRunnerCore(QString storePath, std::shared_ptr<CancelBoard> board);
    ~QueryRunnerCore() override;

    void open(SecretBytes key, LocalStore::KeyKind kind);
    void execute(const QueryJob &job);
    void shutdown();

signals:
    void opened(bool ok, const QString &message);
    void started(int requestId, const QString &slot);
    void finished(int requestId, const QString &slot, const branchline::QueryResult &result);
    void drillDownFinished(int requestId, const QString &slot,
                           const branchline::DrillDownResult &result);

private:
    // Runs one statement into `rows`; false with a translated `error`.
    bool select(int id, const CompiledQuery &query, QList<QVariantList> *rows, QString *error);
    void runQuery(const QueryJob &job);
    void runDrillDown(const QueryJob &job);

    QString m_storePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<CancelBoard> m_board;
    std::unique_ptr<ResultLabels> m_labels; // names kept while the store is unchanged
};

} // namespace branchline
