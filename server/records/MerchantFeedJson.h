// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CustomerScopedKind.h"
#include "SchemaRecordKind.h"
#include "domain/records/MerchantRecords.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

namespace branchline::server {

// A merchant's terminal as a synced table (SyncTableOf). Terminals come from the acquiring
// system: clients read them and never write them (readOnlyReason).
class TerminalJson : public CustomerScopedKind<TerminalJson, Terminal>,
                     public SchemaRecordKind<TerminalJson, Terminal>
{
    Q_DECLARE_TR_FUNCTIONS(TerminalJson)

public:
    using Record = Terminal;
    static constexpr RecordType type = RecordType::Terminal;
    static QString readOnlyReason();
    static std::optional<QString> deleteRefusal(Role) { return readOnlyReason(); }
};

// A merchant's month of volume (SyncTableOf), summed by the server from the daily
// aggregates the transaction system posts (MerchantVolumes). Read-only on clients.
class MerchantVolumeJson : public CustomerScopedKind<MerchantVolumeJson, MerchantVolume>,
                           public SchemaRecordKind<MerchantVolumeJson, MerchantVolume>
{
    Q_DECLARE_TR_FUNCTIONS(MerchantVolumeJson)

public:
    using Record = MerchantVolume;
    static constexpr RecordType type = RecordType::MerchantVolume;
    static QString readOnlyReason();
    static std::optional<QString> deleteRefusal(Role) { return readOnlyReason(); }
};

} // namespace branchline::server
