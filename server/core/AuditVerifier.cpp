// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditVerifier.h"

#include "AuditAnchor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>

namespace branchline::server {

namespace {

// Column 0 tells the head (0) from the entries (1), so that one statement, and so one
// snapshot, reads both: a server appending meanwhile cannot make them disagree.
const QString entriesQuery = QStringLiteral(
        "SELECT 1, seq, at, actor_id, action, entity, entity_id, reason, detail, key_number, "
        "prev_hash, hash FROM audit_log");
const QString headAndEntriesQuery =
        QStringLiteral(
                "SELECT 0, seq, at, CAST(NULL AS TEXT), '', '', '', '', '', key_number, '', hash "
                "FROM audit_head WHERE id = 1 UNION ALL ")
        + entriesQuery + QStringLiteral(" ORDER BY 1, 2");

} // namespace

AuditVerifier::AuditVerifier(std::shared_ptr<const KeyRing> ring)
    : m_ring(std::move(ring))
{
}

bool AuditVerifier::readRow(const QSqlQuery &query, AuditRow *row)
{
    row->seq = query.value(1).toLongLong();
    row->actorId = query.value(3);
    row->keyNumber = query.value(9).toInt();
    // The server never writes NULL into these; NULL is a change made behind its back.
    for (int column : { 2, 4, 5, 6, 7, 8, 10, 11 })
        if (query.value(column).isNull())
            return false;
    row->at = query.value(2).toString();
    row->action = query.value(4).toString();
    row->entity = query.value(5).toString();
    row->entityId = query.value(6).toString();
    row->reason = query.value(7).toString();
    row->detail = query.value(8).toString();
    row->previous = query.value(10).toString();
    row->link = query.value(11).toString();
    return true;
}

AuditLog::Verification AuditVerifier::verify(QSqlDatabase &db, const AuditAnchor *anchor)
{
    AuditLog::Verification result;
    auto broken = [&result](qint64 seq, const QString &problem) {
        result.intact = false;
        result.firstBrokenSeq = seq;
        result.problem = problem;
        return result;
    };
    m_firstSeqOfKey.clear();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const bool withHead = query.exec(headAndEntriesQuery);
    if (!withHead && !query.exec(entriesQuery + QStringLiteral(" ORDER BY 2")))
        return broken(0, tr("The audit trail cannot be read: %1").arg(query.lastError().text()));

    std::optional<Head> head;
    State state;
    while (query.next()) {
        if (query.value(0).toInt() == 0) {
            head = Head{ query.value(1).toLongLong(), query.value(11).toString(),
                         query.value(2).toString() };
            continue;
        }
        AuditRow row;
        if (!readRow(query, &row))
            return broken(row.seq,
                          tr("Entry %1 was changed after it was written: a field the server "
                             "always fills is NULL.")
                                  .arg(row.seq));
        const qint64 expected = state.lastSeq + 1;
        if (row.seq != expected)
            return broken(expected,
                          tr("Entry %1 is missing: the trail jumps from %2 to %3.")
                                  .arg(expected)
                                  .arg(state.lastSeq)
                                  .arg(row.seq));
        if (head && row.seq > head->seq)
            return broken(row.seq,
                          tr("Entry %1 was added after the newest entry the head records (%2): "
                             "it was not written by the server.")
                                  .arg(row.seq)
                                  .arg(head->seq));
        const QString problem = check(row, state, query);
        if (!problem.isEmpty())
            return broken(row.seq, problem);

        if (row.keyNumber > 0) {
            state.lastKey = row.keyNumber;
            if (!m_firstSeqOfKey.contains(row.keyNumber))
                m_firstSeqOfKey.insert(row.keyNumber, row.seq);
            if (row.action == QLatin1String("audit.key_rotated")) {
                state.rotatedTo = QJsonDocument::fromJson(row.detail.toUtf8())
                                          .object()
                                          .value(QLatin1String("new_key"))
                                          .toInt();
                state.rotatedAt = row.seq;
            }
        } else {
            ++result.legacyRows;
        }
        if (anchor && row.seq == anchor->seq) {
            state.anchorLink = row.link;
            state.anchorAt = row.at;
        }
        state.previous = row.link;
        state.previousAt = row.at;
        state.lastSeq = row.seq;
        ++result.rows;
    }

    qint64 brokenAt = 0;
    QString problem = withHead ? checkHead(head, state, &brokenAt)
                               : tr("The head of the audit trail (the audit_head table) is gone.");
    if (!withHead)
        brokenAt = std::max<qint64>(state.lastSeq, 1);
    if (problem.isEmpty() && anchor)
        problem = checkAnchor(*anchor, state, &brokenAt);
    if (!problem.isEmpty())
        return broken(brokenAt, problem);
    return result;
}

QString AuditVerifier::check(const AuditRow &row, const State &state, QSqlQuery &rest)
{
    if (row.previous != state.previous)
        return tr("Entry %1 does not follow the entry before it.").arg(row.seq);
    if (row.keyNumber == 0) {
        if (state.lastKey > 0)
            return tr("Entry %1 has no MAC, but the entries before it have one: it was not "
                      "written by the server.")
                    .arg(row.seq);
        if (AuditChain::legacyHash(row) != row.link)
            return tr("Entry %1 was changed after it was written.").arg(row.seq);
        return QString();
    }
    const QString problem = checkMac(row, state, rest);
    if (!problem.isEmpty())
        return problem;
    // Only someone holding a retired key could make these; the server never does.
    if (row.keyNumber < state.lastKey)
        return tr("Entry %1 was made with audit key %2, older than key %3 of the entry before "
                  "it.")
                .arg(row.seq)
                .arg(row.keyNumber)
                .arg(state.lastKey);
    if (row.keyNumber < state.rotatedTo)
        return tr("Entry %1 was made with audit key %2, which entry %3 retired for key %4.")
                .arg(row.seq)
                .arg(row.keyNumber)
                .arg(state.rotatedAt)
                .arg(state.rotatedTo);
    return QString();
}

QString AuditVerifier::checkMac(const AuditRow &row, const State &state, QSqlQuery &rest)
{
    KeyRing::Key key =
            m_ring ? m_ring->find(KeyRing::Purpose::Audit, row.keyNumber) : KeyRing::Key{};
    if (!key.isValid())
        return tr("Entry %1 was made with audit key %2, which is not in the key folder %3: "
                  "restore the key file audit-%2.key from its backup (old audit keys are needed "
                  "to check the entries made with them).")
                .arg(row.seq)
                .arg(row.keyNumber)
                .arg(m_ring ? m_ring->directory() : tr("(none)"));
    const bool good = AuditChain::macMatches(key, row);
    if (good) {
        sodium_memzero(key.bytes.data(), key.bytes.size());
        return QString();
    }
    // A wrong key file fails every entry made with it, a change only the changed ones:
    // when this is the first entry of its key, look whether any later one checks out
    // against the link it stores.
    bool keyProven = m_firstSeqOfKey.contains(row.keyNumber);
    while (!keyProven && rest.next()) {
        AuditRow later;
        if (rest.value(0).toInt() == 1 && readRow(rest, &later) && later.keyNumber == row.keyNumber)
            keyProven = AuditChain::macMatches(key, later);
    }
    sodium_memzero(key.bytes.data(), key.bytes.size());
    if (!keyProven)
        return tr("Entry %1 does not match its MAC under audit key %2, and no entry made with "
                  "that key does: the key file audit-%2.key in %3 is not the key they were made "
                  "with (a wrong or replaced file), or every one of them was changed.")
                .arg(row.seq)
                .arg(row.keyNumber)
                .arg(m_ring->directory());
    if (state.lastKey == 0 && state.lastSeq > 0)
        return tr("Entry %1, which sealed the entries from before the audit trail was keyed (1 "
                  "to %2), does not match its MAC: those entries or this one were changed after "
                  "it was written.")
                .arg(row.seq)
                .arg(state.lastSeq);
    return tr("Entry %1 was changed after it was written: its MAC does not match.").arg(row.seq);
}

QString AuditVerifier::checkHead(const std::optional<Head> &head, const State &state,
                                 qint64 *brokenAt)
{
    if (!head) {
        *brokenAt = std::max<qint64>(state.lastSeq, 1);
        return tr("The head of the audit trail (audit_head), which records entry %1 as the "
                  "newest, was deleted.")
                .arg(state.lastSeq);
    }
    if (head->seq > state.lastSeq) {
        *brokenAt = state.lastSeq + 1;
        return tr("Entries %1 to %2 were removed from the end: the head records entry %2 as the "
                  "newest, but the trail ends at entry %3.")
                .arg(state.lastSeq + 1)
                .arg(head->seq)
                .arg(state.lastSeq);
    }
    if (head->link != state.previous || head->at != state.previousAt) {
        *brokenAt = std::max<qint64>(state.lastSeq, 1);
        return tr("The head of the audit trail does not match entry %1, the newest: the trail "
                  "or its head was rewritten.")
                .arg(state.lastSeq);
    }
    return QString();
}

QString AuditVerifier::checkAnchor(const AuditAnchor &anchor, const State &state, qint64 *brokenAt)
{
    if (anchor.seq > state.lastSeq) {
        *brokenAt = state.lastSeq + 1;
        return tr("Entries %1 to %2 are missing: the anchor records entry %2, but the trail ends "
                  "at entry %3. Entries were cut off the end and the head rewound.")
                .arg(state.lastSeq + 1)
                .arg(anchor.seq)
                .arg(state.lastSeq);
    }
    const bool same = anchor.seq == 0 ? anchor.mac == AuditChain::genesis()
                                      : state.anchorLink == anchor.mac
                    && (anchor.at.isEmpty() || state.anchorAt == anchor.at);
    if (same)
        return QString();
    *brokenAt = std::max<qint64>(anchor.seq, 1);
    return tr("Entry %1 is not the entry the anchor recorded (its MAC or time differs): the "
              "trail was cut back and written again from there.")
            .arg(anchor.seq);
}

} // namespace branchline::server
