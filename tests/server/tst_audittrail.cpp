// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail, an HMAC chain under the audit key kept out of the database: appends from
// two server instances at once, refusal of UPDATE and DELETE and of entries without a key,
// and detection of every kind of tampering someone with the database but not the key can
// do, on SQLite and PostgreSQL. Each tampering case names the entry it must be caught at.
#include "ServerFixture.h"
#include "core/AuditAnchor.h"
#include "core/AuditAnchorLogger.h"
#include "core/AuditChain.h"
#include "core/AuditKeys.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

#include <atomic>

using namespace branchline::server;

namespace {

// The i-th entry of the test trails: some by the system (actor NULL), entry 5 with the old
// field separator inside its reason.
AuditEntry entryNumber(int i)
{
    return { i % 4 == 2 ? QString() : QStringLiteral("user-%1").arg(i % 3),
             QStringLiteral("pii.unmask"),
             QStringLiteral("customers"),
             QStringLiteral("c-%1").arg(i),
             i == 4 ? QStringLiteral("回访\x1f核实身份") : QStringLiteral("回访核实身份"),
             QStringLiteral("{}") };
}

bool append(Database &database, const AuditEntry &entry)
{
    QString error;
    const bool ok = database.inTransaction(
            [&entry](QSqlDatabase &db, QString *txError) {
                return AuditLog::append(db, entry, txError);
            },
            &error);
    if (!ok)
        qWarning() << "append failed:" << error;
    return ok;
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    qWarning() << sql << query.lastError().text();
    return false;
}

qint64 count(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// What someone with database access does first: switch the append-only guards off.
bool unguard(Database &database)
{
    QSqlDatabase db = database.connection();
    if (database.isPostgres())
        return exec(db, "ALTER TABLE audit_log DISABLE TRIGGER USER")
                && exec(db, "ALTER TABLE audit_head DISABLE TRIGGER USER");
    return exec(db, "DROP TRIGGER IF EXISTS audit_log_no_update")
            && exec(db, "DROP TRIGGER IF EXISTS audit_log_no_delete")
            && exec(db, "DROP TRIGGER IF EXISTS audit_head_no_delete");
}

// The SHA-256 link anyone can compute: the fields joined by 0x1f, then the previous hash.
QString sha256Link(const QSqlQuery &row, const QString &previous)
{
    const QChar separator(0x1f);
    QString text = row.value(0).toString();
    for (int column = 1; column < 8; ++column)
        text += separator + row.value(column).toString();
    text += separator + previous;
    return QString::fromLatin1(
            QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// Recomputes every link from entry `from` on with SHA-256 and moves the head to match, as
// an attacker without the key can. `unkeyed` also clears the key numbers (where the schema
// has them), passing the entries off as written before the trail was keyed.
bool rechainWithSha256(Database &database, qint64 from, bool unkeyed)
{
    QSqlDatabase db = database.connection();
    const bool keyed = db.record("audit_log").contains("key_number");
    QSqlQuery rows(db);
    if (!rows.exec("SELECT seq, at, actor_id, action, entity, entity_id, reason, detail, "
                   "prev_hash FROM audit_log ORDER BY seq"))
        return false;
    QList<QPair<qint64, QPair<QString, QString>>> changes; // seq -> (prev, hash)
    QString previous;
    QString at;
    while (rows.next()) {
        const qint64 seq = rows.value(0).toLongLong();
        if (seq < from) {
            QSqlQuery hash(db);
            hash.exec(QStringLiteral("SELECT hash FROM audit_log WHERE seq = %1").arg(seq));
            hash.next();
            previous = hash.value(0).toString();
            continue;
        }
        if (previous.isEmpty())
            previous = QString(64, '0');
        const QString link = sha256Link(rows, previous);
        changes.append({ seq, { previous, link } });
        previous = link;
        at = rows.value(1).toString();
    }
    QSqlQuery update(db);
    for (const auto &change : changes) {
        update.prepare(QStringLiteral("UPDATE audit_log SET prev_hash = ?, hash = ?%1 WHERE seq "
                                      "= ?")
                               .arg(keyed && unkeyed ? ", key_number = NULL" : ""));
        update.addBindValue(change.second.first);
        update.addBindValue(change.second.second);
        update.addBindValue(change.first);
        if (!update.exec())
            return false;
    }
    update.prepare(QStringLiteral("UPDATE audit_head SET hash = ?%1%2 WHERE id = 1")
                           .arg(db.record("audit_head").contains("at") ? ", at = ?" : "")
                           .arg(keyed && unkeyed ? ", key_number = NULL" : ""));
    update.addBindValue(previous);
    if (db.record("audit_head").contains("at"))
        update.addBindValue(at);
    return update.exec();
}

// Cuts the trail back to `last` entries and rewinds the head to match: a consistent, shorter
// trail.
bool truncateAndRewind(Database &database, qint64 last)
{
    QSqlDatabase db = database.connection();
    return exec(db, QStringLiteral("DELETE FROM audit_log WHERE seq > %1").arg(last))
            && exec(db,
                    QStringLiteral("UPDATE audit_head SET seq = %1, hash = (SELECT hash FROM "
                                   "audit_log WHERE seq = %1), at = (SELECT at FROM audit_log "
                                   "WHERE seq = %1) WHERE id = 1")
                            .arg(last));
}

std::shared_ptr<KeyRing> openRing(const QString &directory)
{
    auto ring = std::make_shared<KeyRing>();
    QString error;
    if (!ring->open(directory, &error))
        qWarning() << error;
    return ring;
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private slots:
    void appendsAndVerifies_data() { test::addEngineRows(); }
    void appendsAndVerifies();
    void refusesUpdatesAndDeletes_data() { test::addEngineRows(); }
    void refusesUpdatesAndDeletes();
    void refusesToWriteWithoutAKey_data() { test::addEngineRows(); }
    void refusesToWriteWithoutAKey();
    void detectsTampering_data();
    void detectsTampering();
    void macsUnderOtherKeysAreRefused_data() { test::addEngineRows(); }
    void macsUnderOtherKeysAreRefused();
    void anchorCatchesATruncatedTail_data() { test::addEngineRows(); }
    void anchorCatchesATruncatedTail();
    void wrongKeyFileIsNamed_data() { test::addEngineRows(); }
    void wrongKeyFileIsNamed();
    void rotationKeepsOldEntriesVerifiable_data() { test::addEngineRows(); }
    void rotationKeepsOldEntriesVerifiable();
    void anchorsAreLoggedPeriodically_data() { test::addEngineRows(); }
    void anchorsAreLoggedPeriodically();
    void twoInstancesAppendConcurrently_data() { test::addEngineRows(); }
    void twoInstancesAppendConcurrently();
};

void TestAuditTrail::appendsAndVerifies()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 20; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.rows, 20);
    QCOMPARE(result.legacyRows, 0);
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT reason, key_number, actor_id FROM audit_log WHERE seq = 7"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("回访核实身份"));
    QCOMPARE(query.value(1).toInt(), 1);
    QVERIFY(query.value(2).isNull()); // the system, as NULL
    // The head records the newest entry: its number, MAC and time.
    QVERIFY(query.exec("SELECT h.seq, h.hash = l.hash, h.at = l.at FROM audit_head h "
                       "JOIN audit_log l ON l.seq = h.seq"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 20);
    QVERIFY(query.value(1).toBool());
    QVERIFY(query.value(2).toBool());
}

void TestAuditTrail::refusesUpdatesAndDeletes()
{
    SERVER_FIXTURE(fixture);
    QVERIFY(append(fixture.database(), entryNumber(1)));
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(!query.exec("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 1"));
    QVERIFY(query.lastError().text().contains("append-only"));
    QVERIFY(!query.exec("DELETE FROM audit_log"));
    QVERIFY(!query.exec("DELETE FROM audit_head"));
    QVERIFY(AuditLog::verify(db).intact);
}

void TestAuditTrail::refusesToWriteWithoutAKey()
{
    SERVER_FIXTURE(fixture);
    QVERIFY(append(fixture.database(), entryNumber(1)));
    const std::shared_ptr<const KeyRing> keyed = KeyRing::installed();
    QTemporaryDir empty;
    // A key folder without an audit key, then none at all: nothing is written either way.
    for (const std::shared_ptr<const KeyRing> &ring :
         { std::shared_ptr<const KeyRing>(openRing(empty.filePath("keys"))),
           std::shared_ptr<const KeyRing>() }) {
        KeyRing::install(ring);
        QString error;
        QVERIFY(!fixture.database().inTransaction(
                [](QSqlDatabase &db, QString *txError) {
                    return AuditLog::append(db, entryNumber(2), txError);
                },
                &error));
        QVERIFY2(error.contains("no audit key is loaded"), qPrintable(error));
    }
    KeyRing::install(keyed);
    QSqlDatabase db = fixture.database().connection();
    QCOMPARE(count(db, "SELECT count(*) FROM audit_log"), 1);
    QCOMPARE(count(db, "SELECT seq FROM audit_head"), 1);
    QVERIFY(AuditLog::verify(db).intact);
}

void TestAuditTrail::detectsTampering_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<qint64>("brokenAt");
    QTest::addColumn<QString>("says");
    for (const QString &engine : { QStringLiteral("sqlite"), QStringLiteral("postgres") }) {
        auto row = [&engine](const char *name) {
            return &QTest::newRow(QByteArray(engine.toLatin1() + ' ' + name).constData());
        };
        *row("changed reason") << engine << "UPDATE audit_log SET reason = 'routine' WHERE seq = 4"
                               << qint64(4) << "changed";
        *row("changed actor") << engine << "UPDATE audit_log SET actor_id = 'user-9' WHERE seq = 2"
                              << qint64(2) << "changed";
        *row("middle entry removed")
                << engine << "DELETE FROM audit_log WHERE seq = 5" << qint64(5) << "missing";
        *row("newest removed") << engine << "DELETE FROM audit_log WHERE seq >= 9" << qint64(9)
                               << "removed from the end";
        *row("rehashed row") << engine << "UPDATE audit_log SET hash = prev_hash WHERE seq = 6"
                             << qint64(6) << "changed";
        // Edited, then re-chained with SHA-256 to the end and the head moved to match.
        *row("edit re-chained with sha256") << engine << "rechain" << qint64(4) << "changed";
        *row("edit re-chained with sha256, key numbers cleared")
                << engine << "rechain unkeyed" << qint64(4) << "no MAC";
        // Entry 3 is the system's: NULL actor. '' is another value, not the same one.
        *row("actor null to empty") << engine << "UPDATE audit_log SET actor_id = '' WHERE seq = 3"
                                    << qint64(3) << "changed";
        // Entry 5's reason holds 0x1f: part of it moved into entity_id, the 0x1f-joined text
        // stays the same.
        *row("value moved across the separator")
                << engine
                << QStringLiteral("UPDATE audit_log SET entity_id = 'c-4' || char(31) || '回访', "
                                  "reason = '核实身份' WHERE seq = 5")
                << qint64(5) << "changed";
        *row("head deleted") << engine << "DELETE FROM audit_head" << qint64(10)
                             << "head of the audit trail (audit_head)";
        *row("entry appended after the head")
                << engine
                << "INSERT INTO audit_log (seq, at, actor_id, action, entity, entity_id, reason, "
                   "detail, prev_hash, hash) SELECT 11, at, actor_id, 'login', entity, "
                   "entity_id, reason, detail, hash, hash FROM audit_log WHERE seq = 10"
                << qint64(11) << "added after the newest entry the head records";
        *row("head names another mac")
                << engine
                << "UPDATE audit_head SET hash = (SELECT hash FROM audit_log WHERE seq = 9)"
                << qint64(10) << "does not match entry 10";
    }
}

void TestAuditTrail::detectsTampering()
{
    QFETCH(QString, tamper);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, says);
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 10; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QVERIFY(unguard(fixture.database()));
    QSqlDatabase db = fixture.database().connection();
    if (tamper.startsWith("rechain")) {
        QVERIFY(exec(db, "UPDATE audit_log SET reason = 'routine' WHERE seq = 4"));
        QVERIFY(rechainWithSha256(fixture.database(), 4, tamper.endsWith("unkeyed")));
    } else {
        // PostgreSQL spells char(31) chr(31).
        if (fixture.database().isPostgres())
            tamper.replace("char(31)", "chr(31)");
        QVERIFY(exec(db, tamper));
    }
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(!result.intact, "the tampering went unnoticed");
    QVERIFY2(result.problem.contains(says), qPrintable(result.problem));
    QCOMPARE(result.firstBrokenSeq, brokenAt);
}

void TestAuditTrail::macsUnderOtherKeysAreRefused()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 6; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QVERIFY(unguard(fixture.database()));
    QSqlDatabase db = fixture.database().connection();
    // Entry 4 changed and re-chained with HMACs in the server's own encoding, under a key of
    // the attacker's making: once as key 1, once passed off as a key 2.
    KeyRing::Key forged;
    forged.number = 1;
    forged.bytes.fill(0x42);
    for (int claimed : { 1, 2 }) {
        QSqlQuery rows(db);
        QVERIFY(rows.exec("SELECT seq, at, actor_id, action, entity, entity_id, reason, detail, "
                          "hash FROM audit_log WHERE seq >= 3 ORDER BY seq"));
        QString previous;
        while (rows.next()) {
            AuditRow row;
            row.seq = rows.value(0).toLongLong();
            row.at = rows.value(1).toString();
            row.actorId = rows.value(2);
            row.action = rows.value(3).toString();
            row.entity = rows.value(4).toString();
            row.entityId = rows.value(5).toString();
            row.reason = row.seq == 4 ? QStringLiteral("routine") : rows.value(6).toString();
            row.detail = rows.value(7).toString();
            if (row.seq == 3) {
                previous = rows.value(8).toString();
                continue;
            }
            row.keyNumber = claimed;
            row.previous = previous;
            row.link = AuditChain::mac(forged, row);
            QSqlQuery update(db);
            update.prepare("UPDATE audit_log SET reason = ?, key_number = ?, prev_hash = ?, "
                           "hash = ? WHERE seq = ?");
            for (const QVariant &value :
                 { QVariant(row.reason), QVariant(claimed), QVariant(row.previous),
                   QVariant(row.link), QVariant(row.seq) })
                update.addBindValue(value);
            QVERIFY2(update.exec(), qPrintable(update.lastError().text()));
            previous = row.link;
        }
        QSqlQuery head(db);
        head.prepare("UPDATE audit_head SET hash = ? WHERE id = 1");
        head.addBindValue(previous);
        QVERIFY(head.exec());
        const AuditLog::Verification result = AuditLog::verify(db);
        QVERIFY(!result.intact);
        QCOMPARE(result.firstBrokenSeq, 4);
        QVERIFY2(result.problem.contains(claimed == 1 ? "changed" : "audit-2.key"),
                 qPrintable(result.problem));
    }
}

void TestAuditTrail::anchorCatchesATruncatedTail()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 10; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QSqlDatabase db = fixture.database().connection();
    AuditAnchor anchor;
    QString error;
    QVERIFY2(AuditAnchor::read(db, &anchor, &error), qPrintable(error));
    QCOMPARE(anchor.seq, 10);
    // The line survives a log's prefix.
    const std::optional<AuditAnchor> parsed =
            AuditAnchor::parse("Dec 07 10:00:00 crm branchline-server[812]: <6>"
                               "branchline.server.audit: "
                               + anchor.line());
    QVERIFY(parsed);
    QCOMPARE(parsed->mac, anchor.mac);
    QCOMPARE(parsed->at, anchor.at);
    QVERIFY(AuditLog::verify(db, &*parsed).intact);
    QVERIFY(append(fixture.database(), entryNumber(10))); // the trail goes on past an anchor
    QVERIFY(AuditLog::verify(db, &anchor).intact);

    QVERIFY(unguard(fixture.database()));
    QVERIFY(truncateAndRewind(fixture.database(), 7));
    QVERIFY(AuditLog::verify(db).intact); // consistent in itself: only the anchor knows
    AuditLog::Verification result = AuditLog::verify(db, &anchor);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 8);
    QVERIFY2(result.problem.contains("anchor records entry 10"), qPrintable(result.problem));

    // Written on again to past the anchor, the entry it names is another one.
    for (int i = 0; i < 5; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    result = AuditLog::verify(db, &anchor);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 10);
    QVERIFY2(result.problem.contains("not the entry the anchor recorded"),
             qPrintable(result.problem));

    // Rewritten whole as entries from before the trail was keyed: without an anchor this
    // passes for an old trail never sealed; the anchor still catches it.
    QVERIFY(rechainWithSha256(fixture.database(), 1, true));
    QVERIFY(AuditLog::verify(db).intact);
    result = AuditLog::verify(db, &anchor);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 10);
}

void TestAuditTrail::wrongKeyFileIsNamed()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 4; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QFile file(QDir(fixture.keyDirectory()).filePath("audit-1.key"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray(KeyRing::keyBytes, '\x07'));
    file.close();
    KeyRing::install(openRing(fixture.keyDirectory()));
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 1);
    QVERIFY2(result.problem.contains("the key file audit-1.key")
                     && result.problem.contains("is not the key they were made with"),
             qPrintable(result.problem));
}

void TestAuditTrail::rotationKeepsOldEntriesVerifiable()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 3; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    const std::shared_ptr<KeyRing> beforeRotation = openRing(fixture.keyDirectory());
    int number = 0;
    QString error;
    QVERIFY2(AuditKeys::rotate(fixture.database(), &number, &error), qPrintable(error));
    QCOMPARE(number, 2);
    QVERIFY(QFile::exists(QDir(fixture.keyDirectory()).filePath("audit-2.key")));
    for (int i = 3; i < 6; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT action, key_number, detail FROM audit_log ORDER BY seq"));
    QStringList keys;
    while (query.next()) {
        keys << query.value(1).toString();
        if (query.value(0).toString() == "audit.key_rotated")
            QCOMPARE(query.value(2).toString(), QStringLiteral("{\"new_key\":2}"));
    }
    // The rotation is recorded under the old key; every entry after it uses the new one.
    QCOMPARE(keys, (QStringList{ "1", "1", "1", "1", "2", "2", "2" }));
    AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.rows, 7);

    // An instance that read its key folder before the rotation takes up the new key at its
    // next entry (the head names it), provided it shares the folder.
    KeyRing::install(beforeRotation);
    QVERIFY(append(fixture.database(), entryNumber(6)));
    QCOMPARE(KeyRing::installed()->current(KeyRing::Purpose::Audit).number, 2);
    QCOMPARE(count(db, "SELECT key_number FROM audit_log WHERE seq = 8"), 2);
    const std::shared_ptr<KeyRing> stale = openRing(fixture.keyDirectory());
    QTemporaryDir elsewhere;
    QVERIFY(QFile::copy(QDir(fixture.keyDirectory()).filePath("audit-1.key"),
                        elsewhere.filePath("audit-1.key")));
    auto onlyOld = openRing(elsewhere.path());
    QVERIFY(onlyOld->has(KeyRing::Purpose::Audit));
    KeyRing::install(onlyOld);
    QVERIFY(!fixture.database().inTransaction(
            [](QSqlDatabase &tx, QString *txError) {
                return AuditLog::append(tx, entryNumber(7), txError);
            },
            &error));
    QVERIFY2(error.contains("audit key 2, which is not in the key folder"), qPrintable(error));

    // The old key file is needed for the old entries.
    QVERIFY(QFile::remove(QDir(fixture.keyDirectory()).filePath("audit-1.key")));
    KeyRing::install(openRing(fixture.keyDirectory()));
    result = AuditLog::verify(db);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 1);
    QVERIFY2(result.problem.contains("audit-1.key"), qPrintable(result.problem));

    // Whoever still holds the retired key cannot add to the trail with it.
    KeyRing::install(stale);
    QVERIFY(unguard(fixture.database()));
    AuditRow row;
    QVERIFY(query.exec("SELECT hash FROM audit_head"));
    QVERIFY(query.next());
    row.seq = 9;
    row.at = QStringLiteral("2026-12-07T10:00:00.000Z");
    row.action = QStringLiteral("login");
    row.detail = QStringLiteral("{}");
    row.keyNumber = 1;
    row.previous = query.value(0).toString();
    row.link = AuditChain::mac(stale->find(KeyRing::Purpose::Audit, 1), row);
    query.prepare("INSERT INTO audit_log (seq, at, action, detail, key_number, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const QVariant &value :
         { QVariant(row.seq), QVariant(row.at), QVariant(row.action), QVariant(row.detail),
           QVariant(row.keyNumber), QVariant(row.previous), QVariant(row.link) })
        query.addBindValue(value);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    query.prepare("UPDATE audit_head SET seq = 9, hash = ?, at = ? WHERE id = 1");
    query.addBindValue(row.link);
    query.addBindValue(row.at);
    QVERIFY(query.exec());
    result = AuditLog::verify(db);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, 9);
    QVERIFY2(result.problem.contains("older than key 2"), qPrintable(result.problem));
}

namespace {
QMutex capturedMutex;
QStringList captured;
QtMessageHandler previousHandler = nullptr;
void captureAudit(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "branchline.server.audit") {
        QMutexLocker lock(&capturedMutex);
        captured << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}
} // namespace

void TestAuditTrail::anchorsAreLoggedPeriodically()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 3; ++i)
        QVERIFY(append(fixture.database(), entryNumber(i)));
    captured.clear();
    previousHandler = qInstallMessageHandler(captureAudit);
    {
        AuditAnchorLogger logger(fixture.database(), std::chrono::milliseconds(50));
        logger.start();
        QTRY_VERIFY_WITH_TIMEOUT(
                [] {
                    QMutexLocker lock(&capturedMutex);
                    return !captured.isEmpty();
                }(),
                5000);
        QVERIFY(append(fixture.database(), entryNumber(3)));
        QTRY_VERIFY_WITH_TIMEOUT(
                [] {
                    QMutexLocker lock(&capturedMutex);
                    return !captured.isEmpty() && captured.last().contains(" seq=4 ");
                }(),
                5000);
    }
    qInstallMessageHandler(previousHandler);
    QSqlDatabase db = fixture.database().connection();
    for (const QString &line : captured) {
        const std::optional<AuditAnchor> anchor = AuditAnchor::parse(line);
        QVERIFY2(anchor, qPrintable(line));
        QVERIFY(AuditLog::verify(db, &*anchor).intact);
    }
}

void TestAuditTrail::twoInstancesAppendConcurrently()
{
    SERVER_FIXTURE(fixture);
    constexpr int perInstance = 40;
    std::atomic<int> failures{ 0 };
    std::atomic<int> appended{ 0 };
    auto worker = [&] {
        // Its own Database, as a second server process would have.
        std::unique_ptr<Database> instance = fixture.secondInstance();
        for (int i = 0; i < perInstance; ++i) {
            if (!append(*instance, entryNumber(i)))
                ++failures;
            ++appended;
        }
    };
    // A third connection rotates the key while the two append.
    auto rotator = [&] {
        std::unique_ptr<Database> instance = fixture.secondInstance();
        while (appended < perInstance / 2)
            QThread::msleep(1);
        int number = 0;
        QString error;
        if (!AuditKeys::rotate(*instance, &number, &error)) {
            qWarning() << error;
            ++failures;
        }
    };
    QThread *a = QThread::create(worker);
    QThread *b = QThread::create(worker);
    QThread *c = QThread::create(rotator);
    a->start();
    b->start();
    c->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));
    QVERIFY(c->wait(120000));
    delete a;
    delete b;
    delete c;
    QCOMPARE(failures.load(), 0);
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.rows, 2 * perInstance + 1);
    QCOMPARE(count(db, "SELECT count(*) FROM audit_log WHERE key_number = 2"),
             count(db,
                   "SELECT count(*) FROM audit_log WHERE seq > (SELECT seq FROM audit_log "
                   "WHERE action = 'audit.key_rotated')"));
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
