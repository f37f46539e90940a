// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboards/QueryRunner.h"

#include "dashboards/QueryRunnerCore.h"

namespace branchline {

QueryRunner::QueryRunner(QString storePath, QObject *parent)
    : QObject(parent)
    , m_board(std::make_shared<CancelBoard>())
{
    m_core = new QueryRunnerCore(std::move(storePath), m_board);
    qRegisterMetaType<QueryResult>();
    qRegisterMetaType<DrillDownResult>();
    m_thread.setObjectName(QStringLiteral("branchline-dashboards"));
    m_core->moveToThread(&m_thread);
    connect(m_core, &QueryRunnerCore::opened, this, &QueryRunner::opened);
    connect(m_core, &QueryRunnerCore::started, this, [this](int id, const QString &slot) {
        if (m_pending.contains(id))
            emit started(id, slot);
    });
    connect(m_core, &QueryRunnerCore::finished, this,
            [this](int id, const QString &slot, const QueryResult &result) {
                if (settle(id)) {
                    emit finished(id, slot, result);
                    return;
                }
                // Given up on: say so (a busy indicator stops), but deliver no figures.
                QueryResult cancelled;
                cancelled.requestId = id;
                cancelled.cancelled = true;
                emit finished(id, slot, cancelled);
            });
    connect(m_core, &QueryRunnerCore::drillDownFinished, this,
            [this](int id, const QString &slot, const DrillDownResult &result) {
                if (settle(id)) {
                    emit drillDownFinished(id, slot, result);
                    return;
                }
                DrillDownResult cancelled;
                cancelled.requestId = id;
                cancelled.dataSet = result.dataSet;
                cancelled.error = tr("Cancelled.");
                emit drillDownFinished(id, slot, cancelled);
            });
    m_thread.start();
}

QueryRunner::~QueryRunner()
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        m_board->cancel(it.key());
    QMetaObject::invokeMethod(m_core, &QueryRunnerCore::shutdown, Qt::QueuedConnection);
    m_thread.wait();
    delete m_core; // its thread has ended
}

void QueryRunner::open(SecretBytes key, LocalStore::KeyKind kind)
{
    // Held by a shared pointer: the queued call's functor must be copyable.
    auto held = std::make_shared<SecretBytes>(std::move(key));
    QueryRunnerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core, [core, held, kind] { core->open(std::move(*held), kind); },
            Qt::QueuedConnection);
}

void QueryRunner::setViewer(Role role, const QString &userId)
{
    m_role = role;
    m_userId = userId;
}

int QueryRunner::nextRequest(const QString &slot)
{
    // A slot shows one answer: the one asked for last.
    if (const int older = m_latestBySlot.value(slot); older != 0)
        cancel(older);
    const int id = ++m_lastId;
    m_latestBySlot.insert(slot, id);
    m_pending.insert(id, slot);
    return id;
}

int QueryRunner::run(const QString &slot, const QuerySpec &spec, const DashboardContext &context,
                     bool comparePrevious)
{
    QueryJob job;
    job.id = nextRequest(slot);
    job.slot = slot;
    job.spec = spec;
    job.role = m_role;
    job.query = QueryCompiler::compile(spec, m_role, m_userId, context);
    if (comparePrevious && job.query.ok() && !context.dateRange.isEmpty()) {
        job.previous = QueryCompiler::comparePrevious(spec, m_role, m_userId, context);
        if (!job.previous->ok())
            job.query.error = job.previous->error;
    }
    const int id = job.id;
    submit(std::move(job));
    return id;
}

int QueryRunner::drillDown(const QString &slot, const QuerySpec &spec,
                           const DashboardContext &context, const QVariantList &dimensionKeys,
                           int limit)
{
    QueryJob job;
    job.id = nextRequest(slot);
    job.slot = slot;
    job.spec = spec;
    job.role = m_role;
    job.drillDown = true;
    job.drillLimit = qBound(1, limit, QueryCompiler::kDrillLimit);
    job.query = QueryCompiler::drillDown(spec, m_role, m_userId, context, dimensionKeys,
                                         job.drillLimit);
    const int id = job.id;
    submit(std::move(job));
    return id;
}

void QueryRunner::submit(QueryJob job)
{
    if (!job.query.ok()) {
        // Answered like any other request: after run() has returned its id.
        const int id = job.id;
        const QString slot = job.slot;
        const QString error = job.query.error;
        const bool drill = job.drillDown;
        const QString dataSet = job.spec.dataSet;
        QMetaObject::invokeMethod(
                this,
                [this, id, slot, error, drill, dataSet] {
                    if (!settle(id))
                        return;
                    if (drill) {
                        DrillDownResult result;
                        result.requestId = id;
                        result.dataSet = dataSet;
                        result.error = error;
                        emit drillDownFinished(id, slot, result);
                    } else {
                        QueryResult result;
                        result.requestId = id;
                        result.error = error;
                        emit finished(id, slot, result);
                    }
                },
                Qt::QueuedConnection);
        return;
    }
    QueryRunnerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core, [core, job] { core->execute(job); }, Qt::QueuedConnection);
}

bool QueryRunner::settle(int requestId)
{
    const QString slot = m_pending.take(requestId);
    if (m_latestBySlot.value(slot) == requestId)
        m_latestBySlot.remove(slot);
    return !m_board->forget(requestId);
}

void QueryRunner::cancel(int requestId)
{
    if (m_pending.contains(requestId))
        m_board->cancel(requestId);
}

void QueryRunner::cancelSlot(const QString &slot)
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.value() == slot)
            m_board->cancel(it.key());
    }
}

bool QueryRunner::isBusy() const
{
    return !m_pending.isEmpty();
}

} // namespace branchline
