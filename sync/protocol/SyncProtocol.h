// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The sync wire protocol, shared by the client engine and the server (docs/sync.md).
// Every message is a plain value with toJson() and a fromJson() that refuses malformed input
// with a reason instead of guessing: both ends treat the other as untrusted.
namespace branchline::sync {

// Version 1 is the first; a server answers its current and previous version (rule 15).
constexpr int protocolVersion = 1;
constexpr int minProtocolVersion = 1;
// The client's record schema: 2 since tasks carry a branch and the outbox exists, 3 since
// the merchant detail (terminals, monthly volumes, the KYC checklist, fee rates) syncs. A
// client of schema 3 refuses a server that speaks only 2, which would not know its
// checklist edits; older clients still sync with this server and skip the tables they lack.
// 4 since saved dashboards sync: a schema-4 client's dashboard edits need a server that
// knows the table.
constexpr int schemaVersion = 4;
constexpr int minSchemaVersion = 1;

// Tables in the order a snapshot streams them: what others point at comes first.
QStringList syncedTables();
bool isSyncedTable(const QString &table);
// The record schema that first synced `table`: a client of an older schema does not know
// the table (its Change::fromJson refuses the name), so the server holds its rows back.
int tableSchemaVersion(const QString &table);
// Append-only tables: an insert of an existing id merges as a set (rule 8).
bool isAppendOnly(const QString &table);

using FieldVersions = QHash<QString, qint64>;
QJsonObject versionsToJson(const FieldVersions &versions);
bool versionsFromJson(const QJsonValue &value, FieldVersions *versions);

struct Change
{
    enum class Op { Upsert, Remove };
    QString table;
    QString id;
    Op op = Op::Upsert;
    qint64 seq = 0; // the record's version: seq of its last change
    QJsonObject row; // upsert: the record's columns as the caller may see them
    FieldVersions versions; // fields changed since creation, by seq

    QJsonObject toJson() const;
    static std::optional<Change> fromJson(const QJsonValue &value, QString *problem);
};

enum class Outcome { Applied, Merged, Conflict, Rejected };
QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(const QString &name);

struct MutationResult
{
    qint64 mutation = 0;
    Outcome outcome = Outcome::Applied;
    QString code; // machine-readable reason for conflict and rejected
    QString message; // the server's explanation, in the server's language (code is the key)
    qint64 seq = 0; // the change it made, 0 if none
    QStringList conflicts; // journal entries it opened

    QJsonObject toJson() const;
    static std::optional<MutationResult> fromJson(const QJsonValue &value, QString *problem);
};

struct PullRequest
{
    QString clientId;
    QString cursor; // empty: start a snapshot
    int pageSize = 500;
    qint64 ackedMutation = 0;
    // The first mutation number under this client id (1 unless the store re-registered
    // after a server restore): tells a restored server what it should know of the id.
    qint64 firstMutation = 1;

    static constexpr int maxPageSize = 5000;
    QJsonObject toJson() const;
    static std::optional<PullRequest> fromJson(const QJsonObject &object, QString *problem);
};

struct PullPage
{
    enum class Mode { Snapshot, Tail, Refetch };
    QString epoch;
    qint64 head = 0;
    Mode mode = Mode::Tail;
    QList<Change> changes;
    QList<MutationResult> results;
    QString cursor;
    bool more = false;
    // Refetch only: the server has forgotten this client's mutations after this number
    // (restored from a backup taken before they were acknowledged); -1 when it has not.
    qint64 forgottenAfter = -1;
    // The first page of a snapshot only: how many rows the whole snapshot holds, for the
    // client's progress; -1 otherwise.
    qint64 snapshotTotal = -1;

    // The last page of a snapshot: its cursor already points into the tail ("t." — the
    // cursor grammar of docs/sync.md; clients otherwise treat cursors as opaque).
    bool endsSnapshot() const
    {
        return mode == Mode::Snapshot && cursor.startsWith(QLatin1String("t."));
    }

    // The checksum is computed over the changes when encoding and verified when decoding;
    // a page that does not match is refused so the client fetches it again (rule 12).
    QJsonObject toJson() const;
    static std::optional<PullPage> fromJson(const QJsonObject &object, QString *problem);
};

struct Mutation
{
    enum class Op { Insert, Update, Delete, Resolve };
    qint64 number = 0;
    QString table;
    QString id;
    Op op = Op::Update;
    QJsonObject fields;
    FieldVersions base; // per field: the version the edit was made on
    qint64 baseVersion = 0; // the record's version the edit was made on
    QString at; // the client's clock: audit and display only, never decides (rule 2)

    QJsonObject toJson() const;
    static std::optional<Mutation> fromJson(const QJsonValue &value, QString *problem);
};
QString mutationOpName(Mutation::Op op);
std::optional<Mutation::Op> mutationOpFromName(const QString &name);

struct PushRequest
{
    QString clientId;
    QList<Mutation> mutations;
    qint64 firstMutation = 1; // as in PullRequest: where a new client id's numbers start

    static constexpr int maxMutations = 1000;
    QJsonObject toJson() const;
    static std::optional<PushRequest> fromJson(const QJsonObject &object, QString *problem);
};

struct PushResponse
{
    QList<MutationResult> results;
    qint64 lastMutation = 0;
    QString refusedCode; // "mutation_gap" when the batch stopped at a gap
    qint64 expected = 0; // with mutation_gap: the number the server waits for

    QJsonObject toJson() const;
    static std::optional<PushResponse> fromJson(const QJsonObject &object, QString *problem);
};

// Adds protocol_version and schema_version to a request body.
QJsonObject withVersions(QJsonObject body);
// Whether a request's versions are ones this end speaks; the reason when not.
bool versionsSupported(const QJsonObject &body, QString *problem);

// A single JSON value as text (the conflict journal stores values this way) and back.
QString encodeValue(const QJsonValue &value);
QJsonValue decodeValue(const QString &text);

// SHA-256 (hex) of the compact JSON of a page's changes.
QString checksumOf(const QJsonArray &changes);

class Protocol
{
    Q_DECLARE_TR_FUNCTIONS(SyncProtocol)
};

} // namespace branchline::sync
