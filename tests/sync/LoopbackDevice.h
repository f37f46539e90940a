// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncEngine.h"
#include "domain/records/Customer.h"
#include "repositories/CustomerRepository.h"
#include "store/LocalStore.h"

#include <QMap>
#include <QUrl>

#include <memory>

namespace branchline::test {

// One signed-in computer of the loopback tests: its encrypted store, sync store, client and
// engine, with quick retries so a fault case does not wait out production backoff.
struct LoopbackDevice
{
    LoopbackDevice(const QString &path, const QUrl &server, const QString &login);

    sync::SyncOutcome::Status syncNow(int attempts = 5);
    // A new engine: a cancelled one stays cancelled.
    void renewEngine();

    CustomerRepository customers() const { return CustomerRepository(store.database()); }
    Customer customer(const QString &id) const { return customers().find(id).value_or(Customer()); }
    // The first live customer in id order.
    QString firstCustomer() const;
    // Every live customer as the store holds it, for comparing devices.
    QMap<QString, QString> snapshot() const;
    // The conflict journal, one line per entry, for comparing devices.
    QMap<QString, QString> journal() const;

    LocalStore store;
    std::unique_ptr<sync::SyncStore> sync;
    std::unique_ptr<sync::SyncClient> client;
    std::unique_ptr<sync::SyncEngine> engine;
};

using CustomerSetter = void (*)(Customer &, const QString &);
void setNotes(Customer &customer, const QString &value);
void setAddress(Customer &customer, const QString &value);
void setIndustry(Customer &customer, const QString &value);

// Edits one field of a customer through the repository, as the UI does: the edit and its
// outbox row in one transaction. False (with the reasons logged) when it was not saved.
bool edit(LoopbackDevice &device, const QString &id, CustomerSetter change, const QString &value);
// The same on any store connection (a store a SyncWorker syncs).
bool editCustomer(const QSqlDatabase &db, const QString &id, CustomerSetter change,
                  const QString &value);
// Every live customer a store holds (LoopbackDevice::snapshot() of any connection).
QMap<QString, QString> customerSnapshot(const QSqlDatabase &db);

} // namespace branchline::test
