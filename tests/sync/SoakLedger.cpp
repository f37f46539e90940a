// SPDX-License-Identifier: GPL-3.0-or-later
#include "SoakLedger.h"

#include "LoopbackDevice.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace branchline::test {

using namespace branchline::sync;

namespace {

struct JournalEntry
{
    QString kind;
    QString recordId;
    QString field;
    QJsonValue clientValue;
};

QHash<QString, JournalEntry> readJournal(const LoopbackDevice &device)
{
    QHash<QString, JournalEntry> entries;
    QSqlQuery query(device.store.database());
    query.exec(QStringLiteral("SELECT id, kind, record_id, field, client_value "
                              "FROM sync_conflicts WHERE deleted = 0"));
    while (query.next())
        entries.insert(query.value(0).toString(),
                       { query.value(1).toString(), query.value(2).toString(),
                         query.value(3).toString(), decodeValue(query.value(4).toString()) });
    return entries;
}

// A refused edit's journal entry holds the field's value, or the edit's fields object.
bool holdsValue(const JournalEntry &entry, const SoakLedger::Edit &edit)
{
    return entry.clientValue.toString() == edit.value
            || entry.clientValue.toObject().value(edit.field).toString() == edit.value;
}

QString describe(const SoakLedger::Edit &edit)
{
    return QStringLiteral("device %1 mutation %2 (%3.%4 = %5)")
            .arg(edit.device)
            .arg(edit.mutation)
            .arg(edit.id, edit.field, edit.value);
}

} // namespace

bool SoakLedger::record(const QList<std::shared_ptr<LoopbackDevice>> &devices, int device,
                        QString *error)
{
    StoreError storeError;
    const QList<Mutation> pending =
            devices[device]->sync->pendingMutations(PushRequest::maxMutations, &storeError);
    if (pending.isEmpty() || pending.last().fields.size() != 1) {
        *error = QStringLiteral("the edit's outbox row is missing or not one field: %1")
                         .arg(storeError.detail);
        return false;
    }
    const Mutation &mutation = pending.last();
    const QString field = mutation.fields.keys().constFirst();
    m_edits.append({ device, mutation.number, mutation.id, field,
                     mutation.fields.value(field).toString(), mutation.base.value(field, 0) });
    return true;
}

QStringList SoakLedger::audit(const QList<std::shared_ptr<LoopbackDevice>> &devices,
                              const LoopbackDevice &server, QString *summary) const
{
    QStringList problems;
    // Every stored result of every device, as the server keeps them (rule 5).
    QHash<QPair<int, qint64>, MutationResult> results;
    for (int d = 0; d < devices.size(); ++d) {
        SyncState state;
        StoreError error;
        devices[d]->sync->load(&state, &error);
        const HttpAnswer answer = devices[d]->client->post(
                QStringLiteral("/api/v1/sync/pull"),
                PullRequest{ state.clientId, state.cursor, 1, 0 }.toJson());
        QString problem;
        const std::optional<PullPage> page =
                answer.status == 200 ? PullPage::fromJson(answer.body, &problem) : std::nullopt;
        if (!page) {
            problems << QStringLiteral("device %1: results not readable: %2 %3")
                                .arg(d)
                                .arg(answer.status)
                                .arg(problem + answer.message());
            continue;
        }
        for (const MutationResult &result : page->results)
            if (std::exchange(results[{ d, result.mutation }], result).mutation != 0)
                problems << QStringLiteral("device %1 mutation %2: two results")
                                    .arg(d)
                                    .arg(result.mutation);
        const auto made = std::count_if(m_edits.begin(), m_edits.end(),
                                        [d](const Edit &edit) { return edit.device == d; });
        if (page->results.size() != made)
            problems << QStringLiteral("device %1 made %2 edits but the server holds %3 results")
                                .arg(d)
                                .arg(made)
                                .arg(page->results.size());
    }

    const QHash<QString, JournalEntry> journal = readJournal(server);
    QMap<Outcome, int> tally;
    struct Written
    {
        Edit edit;
        MutationResult result;
    };
    QHash<QPair<QString, QString>, QList<Written>> written; // by record and field
    for (const Edit &edit : m_edits) {
        const MutationResult result = results.value({ edit.device, edit.mutation });
        if (result.mutation == 0) {
            problems << describe(edit) + QStringLiteral(": no result on the server");
            continue;
        }
        ++tally[result.outcome];
        if (result.outcome == Outcome::Applied || result.outcome == Outcome::Merged) {
            written[{ edit.id, edit.field }].append({ edit, result });
            continue;
        }
        // Not written: it must wait in the journal for a person.
        const bool kept = !result.conflicts.isEmpty()
                && std::all_of(result.conflicts.begin(), result.conflicts.end(),
                               [&](const QString &id) {
                                   return journal.contains(id) && holdsValue(journal[id], edit);
                               });
        if (!kept)
            problems << describe(edit)
                            + QStringLiteral(": refused (%1) but not journalled")
                                      .arg(outcomeName(result.outcome));
    }

    QSet<QString> explained;
    const QRegularExpression column(QStringLiteral("^[a-z_]+$"));
    for (auto it = written.begin(); it != written.end(); ++it) {
        QList<Written> &order = it.value();
        std::sort(order.begin(), order.end(),
                  [](const Written &a, const Written &b) { return a.result.seq < b.result.seq; });
        for (qsizetype i = 0; i + 1 < order.size(); ++i) {
            const Written &earlier = order[i];
            const Written &later = order[i + 1];
            if (earlier.result.seq == later.result.seq)
                problems << describe(later.edit) + QStringLiteral(": shares its seq");
            if (later.edit.base >= earlier.result.seq)
                continue; // replaced by an edit made with it in view
            const auto entry =
                    std::find_if(later.result.conflicts.begin(), later.result.conflicts.end(),
                                 [&](const QString &id) {
                                     const JournalEntry found = journal.value(id);
                                     return found.kind == QLatin1String("overwritten")
                                             && found.recordId == earlier.edit.id
                                             && found.field == earlier.edit.field
                                             && found.clientValue.toString() == earlier.edit.value;
                                 });
            if (entry == later.result.conflicts.end())
                problems << describe(earlier.edit)
                                + QStringLiteral(" at seq %1: overwritten by %2 at seq %3, made "
                                                 "on version %4, without a journal entry")
                                          .arg(earlier.result.seq)
                                          .arg(describe(later.edit))
                                          .arg(later.result.seq)
                                          .arg(later.edit.base);
            else
                explained.insert(*entry);
        }
        // The last written value is what the server holds now.
        const Edit &last = order.last().edit;
        QSqlQuery query(server.store.database());
        // The field name comes from the outbox, never from the server; checked all the same.
        if (column.match(last.field).hasMatch())
            query.prepare(QStringLiteral("SELECT %1 FROM customers WHERE id = ?").arg(last.field));
        query.addBindValue(last.id);
        if (!query.exec() || !query.next() || query.value(0).toString() != last.value)
            problems << describe(last)
                            + QStringLiteral(": the last write, but not the value "
                                             "the server holds");
    }
    // Counted both ways: no "overwritten" entry without a lost value behind it.
    for (auto it = journal.begin(); it != journal.end(); ++it)
        if (it->kind == QLatin1String("overwritten") && !explained.contains(it.key()))
            problems << QStringLiteral("journal entry %1 (%2.%3) matches no overwritten edit")
                                .arg(it.key(), it->recordId, it->field);

    *summary = QStringLiteral("%1 edits: %2 applied, %3 merged, %4 conflict, %5 rejected; "
                              "%6 overwritten values journalled")
                       .arg(m_edits.size())
                       .arg(tally.value(Outcome::Applied))
                       .arg(tally.value(Outcome::Merged))
                       .arg(tally.value(Outcome::Conflict))
                       .arg(tally.value(Outcome::Rejected))
                       .arg(explained.size());
    return problems;
}

} // namespace branchline::test
