// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoopbackDevice.h"

#include "ServerProcess.h"
#include "TestFiles.h"

#include <QSqlQuery>
#include <QTest>

namespace branchline::test {

using namespace branchline::sync;

LoopbackDevice::LoopbackDevice(const QString &path, const QUrl &server, const QString &login)
    : store(path)
{
    [&] { QVERIFY(store.open(testKey(), LocalStore::KeyKind::Raw, true)); }();
    sync = std::make_unique<SyncStore>(store.database());
    SyncState state;
    StoreError error;
    sync->load(&state, &error);
    client = std::make_unique<SyncClient>(server, state.clientId);
    // A sign-in waits for an argon2id hash on the server's low-priority hashing threads, which
    // a busy test machine may hold up for seconds; every later request answers fast or not at
    // all (the server-down tests).
    client->timeoutMs = 60000;
    [&] { QCOMPARE(client->signIn(login, demoPassword()).status, 200); }();
    client->timeoutMs = 5000;
    sync->setUserId(client->userId());
    renewEngine();
}

void LoopbackDevice::renewEngine()
{
    engine = std::make_unique<SyncEngine>(*sync, *client);
    engine->backoffBaseMs = 20;
    engine->backoffMaxMs = 200;
    engine->pageSize = 200;
}

SyncOutcome::Status LoopbackDevice::syncNow(int attempts)
{
    client->resetCancel();
    return engine->syncUntilDone(attempts).status;
}

QString LoopbackDevice::firstCustomer() const
{
    QSqlQuery query(store.database());
    query.exec(QStringLiteral("SELECT id FROM customers WHERE deleted = 0 ORDER BY id LIMIT 1"));
    return query.next() ? query.value(0).toString() : QString();
}

QMap<QString, QString> LoopbackDevice::snapshot() const
{
    return customerSnapshot(store.database());
}

QMap<QString, QString> customerSnapshot(const QSqlDatabase &db)
{
    QMap<QString, QString> rows;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT id, legal_name, notes, address, industry, version "
                              "FROM customers WHERE deleted = 0"));
    while (query.next())
        rows.insert(query.value(0).toString(),
                    QStringList{ query.value(1).toString(), query.value(2).toString(),
                                 query.value(3).toString(), query.value(4).toString(),
                                 query.value(5).toString() }
                            .join(QLatin1Char('|')));
    return rows;
}

QMap<QString, QString> LoopbackDevice::journal() const
{
    QMap<QString, QString> rows;
    QSqlQuery query(store.database());
    query.exec(QStringLiteral("SELECT id, kind, record_id, field, client_value, server_value, "
                              "COALESCE(resolution, ''), version FROM sync_conflicts"));
    while (query.next()) {
        QStringList values;
        for (int column = 1; column < 8; ++column)
            values << query.value(column).toString();
        rows.insert(query.value(0).toString(), values.join(QLatin1Char('|')));
    }
    return rows;
}

void setNotes(Customer &customer, const QString &value)
{
    customer.notes = value;
}

void setAddress(Customer &customer, const QString &value)
{
    customer.address = value;
}

void setIndustry(Customer &customer, const QString &value)
{
    customer.industry = value;
}

bool edit(LoopbackDevice &device, const QString &id, CustomerSetter change, const QString &value)
{
    return editCustomer(device.store.database(), id, change, value);
}

bool editCustomer(const QSqlDatabase &db, const QString &id, CustomerSetter change,
                  const QString &value)
{
    CustomerRepository customers(db);
    Customer customer = customers.find(id).value_or(Customer());
    if (customer.meta.id.isEmpty())
        return false;
    change(customer, value);
    const SaveResult saved = customers.update(customer);
    for (const FieldIssue &issue : saved.issues)
        qWarning("%s: %s", qPrintable(issue.field), qPrintable(issue.message));
    if (saved.error.isError())
        qWarning("%s", qPrintable(saved.error.detail));
    return saved.ok;
}

} // namespace branchline::test
