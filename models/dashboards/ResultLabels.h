// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryResult.h"
#include "dashboards/QuerySpec.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace branchline {

// Turns a result's stored keys and numbers into what a viewer reads: a branch's name for
// its id, a status's label for its code, money in yuan, a month as "2026-03". Looks names
// up on the connection it is given (the runner's own).
class ResultLabels
{
    Q_DECLARE_TR_FUNCTIONS(ResultLabels)
public:
    explicit ResultLabels(QSqlDatabase db);

    // Names are kept between results while the store is unchanged: PRAGMA data_version
    // moves when another connection (the sync worker) commits, and then they are read
    // again. fill() checks before it looks names up.
    void forgetNamesIfStoreChanged();

    void fill(QueryResult *result, const QuerySpec &spec, Role role);
    // A measure's value as text, by the kind of its column ("—" for no value).
    static QString measureText(const QVariant &value, ValueKind kind);
    static QString bucketText(const QString &firstDay, DateBucket bucket);

private:
    QString dimensionText(const QString &dataSet, const DimensionSpec &dimension, Role role,
                          const QVariant &key);
    void loadNames(const QString &table, const QString &nameColumn, const QStringList &ids,
                   QHash<QString, QString> *names);

    QSqlDatabase m_db;
    QHash<QString, QString> m_branches;
    QHash<QString, QString> m_users;
    QHash<QString, QString> m_customers;
    qint64 m_dataVersion = -1;
};

} // namespace branchline
