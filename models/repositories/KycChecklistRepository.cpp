// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycChecklistRepository.h"

#include "RecordTable.h"
#include "StoredRecord.h"
#include "domain/records/MerchantEnums.h"
#include "domain/rules/KycRules.h"
#include "domain/rules/RecordValidator.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace branchline {

namespace {

const QString tableName = QStringLiteral("kyc_items");

const QString selectItems = QStringLiteral("SELECT %1, ") + StoredRecord<KycItem>::columns()
        + QStringLiteral(" FROM kyc_items WHERE customer_id = ? AND deleted = 0");

} // namespace

KycChecklistRepository::KycChecklistRepository(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<KycItem> KycChecklistRepository::checklist(const QString &customerId, CustomerKind kind,
                                                 StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(selectItems.arg(RecordTable::metaColumns()));
    query.addBindValue(customerId);
    QList<KycItem> stored;
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return {};
    }
    while (query.next())
        stored << StoredRecord<KycItem>::read(query);

    QList<KycItem> items;
    for (const KycItemKind required : KycRules::requiredItems(kind)) {
        KycItem item;
        item.customerId = customerId;
        item.item = required;
        for (const KycItem &row : std::as_const(stored))
            if (row.item == required)
                item = row;
        items << item;
    }
    // An item the customer's kind does not ask for, moved before its kind changed.
    for (const KycItem &row : std::as_const(stored)) {
        const bool listed = std::any_of(items.cbegin(), items.cend(),
                                        [&](const KycItem &item) { return item.item == row.item; });
        if (!listed)
            items << row;
    }
    return items;
}

bool KycChecklistRepository::find(const QString &customerId, KycItemKind item, KycItem *found,
                                  bool *exists, StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(selectItems.arg(RecordTable::metaColumns()) + QStringLiteral(" AND item = ?"));
    query.addBindValue(customerId);
    query.addBindValue(MerchantEnums::code(item));
    if (!query.exec()) {
        *error = StoreError::fromSql(query.lastError());
        return false;
    }
    *exists = query.next();
    if (*exists)
        *found = StoredRecord<KycItem>::read(query);
    return true;
}

SaveResult KycChecklistRepository::move(const QString &customerId, KycItemKind item,
                                        KycItemState to, const QString &note, Role role,
                                        const QString &userId)
{
    KycItem record;
    bool exists = false;
    StoreError error;
    if (!find(customerId, item, &record, &exists, &error))
        return SaveResult::failed(error);
    if (const std::optional<QString> refusal = KycRules::refuseChange(role, record.state, to))
        return SaveResult::invalid({ FieldIssue{ QStringLiteral("state"), *refusal } });
    if (!exists) {
        record.meta.id = KycRules::itemId(customerId, item);
        record.customerId = customerId;
        record.item = item;
    }
    record.state = to;
    record.note = note;
    // Shown at once as who moved it; the server writes the same from the signed-in user.
    record.updatedBy = userId;
    RecordValidator::normalize(record);
    if (const FieldIssues issues = RecordValidator::validate(record); !issues.isEmpty())
        return SaveResult::invalid(issues);

    RecordTable table(m_db, tableName);
    RecordTable::Columns columns{ { QStringLiteral("state"), MerchantEnums::code(record.state) },
                                  { QStringLiteral("note"), record.note },
                                  { QStringLiteral("updated_by"), record.updatedBy } };
    if (!exists) {
        columns.prepend({ QStringLiteral("item"), MerchantEnums::code(record.item) });
        columns.prepend({ QStringLiteral("customer_id"), record.customerId });
    }
    const bool ok = exists ? table.update(record.meta, columns, &error)
                           : table.insert(record.meta, columns, &error);
    return ok ? SaveResult::success() : SaveResult::failed(error);
}

} // namespace branchline
