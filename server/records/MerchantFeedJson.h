// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CustomerScopedKind.h"
#include "records/MerchantRecords.h"
#include "rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

namespace branchline::server {

// A merchant's terminal as a synced table (SyncTableOf). Terminals come from the acquiring
// system: clients read them and never write them (readOnlyReason).
class TerminalJson : public CustomerScopedKind<TerminalJson, Terminal>
{
    Q_DECLARE_TR_FUNCTIONS(TerminalJson)

public:
    using Record = Terminal;
    static constexpr RecordType type = RecordType::Terminal;
    static QString table() { return QStringLiteral("terminals"); }
    static QString readOnlyReason();
    static std::optional<QString> deleteRefusal(Role) { return readOnlyReason(); }

    static QStringList fields();
    static QJsonObject toJson(const Terminal &terminal);
    static bool apply(const QJsonObject &object, Terminal *terminal, QStringList *set,
                      QString *problem);
    static QString selectColumns();
    static Terminal read(const QSqlQuery &query);
    static void bindAll(QSqlQuery &query, const Terminal &terminal);
};

// A merchant's month of volume (SyncTableOf), summed by the server from the daily
// aggregates the transaction system posts (MerchantVolumes). Read-only on clients.
class MerchantVolumeJson : public CustomerScopedKind<MerchantVolumeJson, MerchantVolume>
{
    Q_DECLARE_TR_FUNCTIONS(MerchantVolumeJson)

public:
    using Record = MerchantVolume;
    static constexpr RecordType type = RecordType::MerchantVolume;
    static QString table() { return QStringLiteral("merchant_volumes"); }
    static QString readOnlyReason();
    static std::optional<QString> deleteRefusal(Role) { return readOnlyReason(); }

    static QStringList fields();
    static QJsonObject toJson(const MerchantVolume &volume);
    static bool apply(const QJsonObject &object, MerchantVolume *volume, QStringList *set,
                      QString *problem);
    static QString selectColumns();
    static MerchantVolume read(const QSqlQuery &query);
    static void bindAll(QSqlQuery &query, const MerchantVolume &volume);
};

} // namespace branchline::server
