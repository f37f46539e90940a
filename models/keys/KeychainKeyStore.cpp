// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainKeyStore.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

Q_LOGGING_CATEGORY(lcKeychain, "branchline.keys.keychain")

namespace branchline {

namespace {

KeyStore::Status statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return KeyStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return KeyStore::Status::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return KeyStore::Status::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeyStore::Status::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        return KeyStore::Status::Failed;
    }
    return KeyStore::Status::Failed;
}

// A job that is deleted when we are done with it: at once if it finished, later if the
// keychain never answered and it may still be waiting on D-Bus.
struct JobDeleter
{
    bool finished = false;
    void operator()(QKeychain::Job *job) const
    {
        if (finished)
            delete job;
        else
            job->deleteLater();
    }
};

// Runs a QtKeychain job to its end. The job's own timeout is the D-Bus default; ours also
// covers a keychain that never answers at all.
bool runJob(QKeychain::Job *job, int timeoutMs)
{
    job->setAutoDelete(false);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    job->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return timer.isActive();
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{
}

KeyStore::ReadResult KeychainKeyStore::readKey(const QString &account)
{
    ReadResult result;
    JobDeleter deleter;
    std::unique_ptr<QKeychain::ReadPasswordJob, JobDeleter &> job(
            new QKeychain::ReadPasswordJob(m_service), deleter);
    job->setKey(account);
    deleter.finished = runJob(job.get(), m_timeoutMs);
    if (!deleter.finished) {
        result.status = Status::Unavailable;
        result.message = QStringLiteral("the keychain did not answer");
        return result;
    }
    result.status = statusOf(job->error());
    result.message = job->errorString();
    if (result.status == Status::Ok) {
        QByteArray bytes = job->binaryData();
        result.key = SecretBytes::takeFrom(bytes);
    }
    qCDebug(lcKeychain) << "read key for store:" << int(result.status);
    return result;
}

KeyStore::Status KeychainKeyStore::writeKey(const QString &account, const SecretBytes &key,
                                            QString *message)
{
    JobDeleter deleter;
    std::unique_ptr<QKeychain::WritePasswordJob, JobDeleter &> job(
            new QKeychain::WritePasswordJob(m_service), deleter);
    job->setKey(account);
    QByteArray bytes = key.toByteArray();
    job->setBinaryData(bytes);
    SecretBytes::wipe(bytes);
    deleter.finished = runJob(job.get(), m_timeoutMs);
    if (!deleter.finished) {
        if (message)
            *message = QStringLiteral("the keychain did not answer");
        return Status::Unavailable;
    }
    if (message)
        *message = job->errorString();
    return statusOf(job->error());
}

KeyStore::Status KeychainKeyStore::removeKey(const QString &account, QString *message)
{
    JobDeleter deleter;
    std::unique_ptr<QKeychain::DeletePasswordJob, JobDeleter &> job(
            new QKeychain::DeletePasswordJob(m_service), deleter);
    job->setKey(account);
    deleter.finished = runJob(job.get(), m_timeoutMs);
    if (!deleter.finished) {
        if (message)
            *message = QStringLiteral("the keychain did not answer");
        return Status::Unavailable;
    }
    if (message)
        *message = job->errorString();
    const Status status = statusOf(job->error());
    return status == Status::NotFound ? Status::Ok : status;
}

} // namespace branchline
