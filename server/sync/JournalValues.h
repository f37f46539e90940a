// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldPolicy.h"

#include <QJsonValue>

namespace branchline::server {

// The values the conflict journal keeps and shows. Its entries are read by other people (a
// manager resolves a rep's conflict), so what they show goes through the reader's field
// permissions; and they are written from whatever a client sent, so what they keep is bounded.
namespace JournalValues {

// A refused mutation's fields as the journal keeps them: at most a hundred fields, each text
// cut to its field's length limit (the full edit stays in its author's local journal), so a
// request cannot make the server store megabytes nobody may delete.
QJsonValue bounded(RecordType type, const QJsonValue &fields);

// `value` of `field` (empty: a whole record's fields, one by one) as a reader of `role`
// may see it: PII masked, hidden fields left out.
QJsonValue shown(Role role, RecordType type, const QString &field, const QJsonValue &value);

// The record type of a synced table's name (customers when unknown: the strictest masking).
RecordType typeOfTable(const QString &table);

} // namespace JournalValues

} // namespace branchline::server
