// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/SyncMeta.h"
#include "domain/rules/FieldIssue.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace branchline::server {

// What the server tells a client about a mutation that did not simply apply, in the
// user's language. Kept apart from the templates so lupdate finds every string.
class SyncMessages
{
    Q_DECLARE_TR_FUNCTIONS(SyncService)

public:
    static QString notFound();
    static QString idTaken();
    static QString editOfDeleted();
    static QString deleteOfEdited();
    static QString staleSensitive(const QString &field);
    static QString overwritten(const QString &field);
    static QString invalid(const FieldIssues &issues);
    static QString outOfScopeMove();
    static QString readOnly();
    static QString alreadyResolved();
    static QString unknownResolution();
};

// Records as a client's store holds them: column values, with lists as comma-separated
// text and the bookkeeping columns, masked as the caller's role sees them.
class SyncRows
{
public:
    static QJsonObject toRow(Role role, RecordType type, const QJsonObject &apiObject,
                             const QStringList &fields, const SyncMeta &meta);
    // A client's column values in the API's JSON types, using a default record's JSON
    // (`sample`) to tell which fields are lists and flags.
    static QJsonObject toApi(const QJsonObject &columns, const QJsonObject &sample);
};

} // namespace branchline::server
