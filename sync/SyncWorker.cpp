// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncWorker.h"

#include "SyncWorkerCore.h"

#include <memory>

namespace branchline::sync {

SyncWorker::SyncWorker(SyncSettings settings, QObject *parent)
    : QObject(parent)
    , m_core(new SyncWorkerCore(std::move(settings)))
{
    qRegisterMetaType<SyncPhase>();
    qRegisterMetaType<SyncOutcome>();
    qRegisterMetaType<QHash<QString, QString>>();
    m_thread.setObjectName(QStringLiteral("branchline-sync"));
    m_core->moveToThread(&m_thread);
    connect(m_core, &SyncWorkerCore::opened, this, &SyncWorker::opened);
    connect(m_core, &SyncWorkerCore::signedIn, this, &SyncWorker::signedIn);
    connect(m_core, &SyncWorkerCore::signInRefused, this, &SyncWorker::signInRefused);
    connect(m_core, &SyncWorkerCore::refreshTokenChanged, this, &SyncWorker::refreshTokenChanged);
    connect(m_core, &SyncWorkerCore::roundStarted, this, &SyncWorker::roundStarted);
    connect(m_core, &SyncWorkerCore::progress, this, &SyncWorker::progress);
    connect(m_core, &SyncWorkerCore::roundFinished, this, &SyncWorker::roundFinished);
    connect(m_core, &SyncWorkerCore::onlineChanged, this, &SyncWorker::onlineChanged);
    connect(m_core, &SyncWorkerCore::revealed, this, &SyncWorker::revealed);
    m_thread.start();
}

SyncWorker::~SyncWorker()
{
    m_core->cancel();
    QMetaObject::invokeMethod(m_core, &SyncWorkerCore::shutdown, Qt::QueuedConnection);
    m_thread.wait();
    delete m_core; // its thread has ended and it owns no timer any more
}

void SyncWorker::open(SecretBytes key, LocalStore::KeyKind kind)
{
    // Held by a shared pointer: the queued call's functor must be copyable.
    auto held = std::make_shared<SecretBytes>(std::move(key));
    SyncWorkerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core, [core, held, kind] { core->open(std::move(*held), kind); },
            Qt::QueuedConnection);
}

void SyncWorker::signIn(const QString &login, const QString &password)
{
    SyncWorkerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core, [core, login, password] { core->signIn(login, password); },
            Qt::QueuedConnection);
}

void SyncWorker::resume(const QString &userId, const QString &refreshToken)
{
    SyncWorkerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core, [core, userId, refreshToken] { core->resume(userId, refreshToken); },
            Qt::QueuedConnection);
}

void SyncWorker::syncNow()
{
    QMetaObject::invokeMethod(m_core, &SyncWorkerCore::requestRound, Qt::QueuedConnection);
}

void SyncWorker::syncSoon()
{
    QMetaObject::invokeMethod(m_core, &SyncWorkerCore::requestRoundSoon, Qt::QueuedConnection);
}

void SyncWorker::cancel()
{
    m_core->cancel();
}

void SyncWorker::confirmLargePurge()
{
    QMetaObject::invokeMethod(m_core, &SyncWorkerCore::confirmLargePurge, Qt::QueuedConnection);
}

void SyncWorker::reveal(quint64 requestId, const QString &customerId, const QStringList &fields,
                        const QString &reason)
{
    SyncWorkerCore *core = m_core;
    QMetaObject::invokeMethod(
            m_core,
            [core, requestId, customerId, fields, reason] {
                core->reveal(requestId, customerId, fields, reason);
            },
            Qt::QueuedConnection);
}

void SyncWorker::signOut()
{
    m_core->cancel();
    QMetaObject::invokeMethod(m_core, &SyncWorkerCore::signOut, Qt::QueuedConnection);
}

} // namespace branchline::sync
