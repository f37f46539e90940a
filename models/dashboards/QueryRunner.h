// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryCompiler.h"
#include "dashboards/QueryResult.h"
#include "keys/SecretBytes.h"
#include "store/LocalStore.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

namespace branchline {

class QueryRunnerCore;
struct CancelBoard;
struct QueryJob;

// Runs dashboard queries off the GUI thread, on its own connection to the store (opened
// with the store's key like the sync worker's). Each request gets an id, answered by
// finished() or drillDownFinished() with the same id. Requests carry a slot (a widget's
// id): a newer request for the same slot cancels the older one, which is then skipped if
// it has not started or interrupted if it is running, and answered with `cancelled` set so
// a busy indicator can stop. Results of a cancelled request are never delivered as data.
class QueryRunner : public QObject
{
    Q_OBJECT
public:
    explicit QueryRunner(QString storePath, QObject *parent = nullptr);
    ~QueryRunner() override;

    // Opens the runner's connection; the key is taken over. Answered by opened().
    void open(SecretBytes key, LocalStore::KeyKind kind);
    // Who is looking: the role and user every later request is compiled for.
    void setViewer(Role role, const QString &userId);
    Role role() const { return m_role; }
    QString userId() const { return m_userId; }

    // Compiles on the calling thread (cheap) and runs on the runner's. A spec the
    // compiler refuses is answered with its error, queued like any other answer.
    // `comparePrevious` also runs the previous period (QueryResult::previousTotals).
    int run(const QString &slot, const QuerySpec &spec, const DashboardContext &context,
            bool comparePrevious = false);
    int drillDown(const QString &slot, const QuerySpec &spec, const DashboardContext &context,
                  const QVariantList &dimensionKeys, int limit = QueryCompiler::kDrillLimit);
    // Cancels one request, or everything for a slot (a closed widget or dashboard).
    void cancel(int requestId);
    void cancelSlot(const QString &slot);
    // Whether any request is queued or running (for a dashboard-wide busy state).
    bool isBusy() const;

signals:
    void opened(bool ok, const QString &message);
    void started(int requestId, const QString &slot);
    void finished(int requestId, const QString &slot, const branchline::QueryResult &result);
    void drillDownFinished(int requestId, const QString &slot,
                           const branchline::DrillDownResult &result);

private:
    int nextRequest(const QString &slot);
    // Hands a job to the worker, or answers it at once (queued) when it did not compile.
    void submit(QueryJob job);
    // Whether an answer is still wanted; forgets the request either way.
    bool settle(int requestId);

    std::shared_ptr<CancelBoard> m_board;
    QThread m_thread;
    QueryRunnerCore *m_core = nullptr;
    Role m_role = Role::SalesRep;
    QString m_userId;
    int m_lastId = 0;
    QHash<QString, int> m_latestBySlot; // the request each slot waits for
    QHash<int, QString> m_pending; // request id → slot, until answered
};

} // namespace branchline
