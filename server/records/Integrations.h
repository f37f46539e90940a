// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordSupport.h"
#include "core/Database.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace branchline::server {

// The door for the institution's other systems. Each integration has its own API key (shown
// once, stored as SHA-256) and scopes: "transactions" may deliver daily aggregates per
// merchant, "leads" may deliver leads from web forms and partners. Both are audited.
class Integrations
{
    Q_DECLARE_TR_FUNCTIONS(Integrations)

public:
    struct Integration
    {
        QString id;
        QString name;
        QStringList scopes;
    };
    using Outcome = RecordOutcome;

    static constexpr int maxAggregatesPerBatch = 5000;

    explicit Integrations(const Database &database);

    struct Listed
    {
        QString name;
        QStringList scopes;
        QString createdAt;
        QString revokedAt; // empty while the key works
    };

    bool add(const QString &name, const QStringList &scopes, QString *key, QString *error);
    // Stops the integration's key at once (its requests get 401 from now on), audited.
    // `found` is false when no integration of that name is active.
    bool revoke(const QString &name, bool *found, QString *error);
    QList<Listed> list(QString *error) const;
    std::optional<Integration> authenticate(const QString &key) const;

    // {"aggregates": [{"customer_id" or "credit_code", "day", "volume_fen", "tx_count",
    //   "refund_fen", "refund_count", "chargeback_count"}]}: valid rows are upserted in one
    // transaction; each row's result says applied or rejected, and why.
    Outcome upsertAggregates(const Integration &integration, const QJsonObject &body) const;
    // A lead from a web form or partner, validated like one typed in the client, routed to
    // the branch in its city when there is one.
    Outcome intakeLead(const Integration &integration, const QJsonObject &body) const;

private:
    const Database &m_database;
};

} // namespace branchline::server
