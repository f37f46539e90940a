// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncProtocol.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUuid>

namespace branchline::sync {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

bool fail(QString *problem, const QString &message)
{
    if (problem)
        *problem = message;
    return false;
}

bool isUuid(const QString &text)
{
    return !QUuid::fromString(text).isNull();
}

// A JSON number that is a whole, non-negative int64.
bool readCount(const QJsonValue &value, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740992.0 || number != double(qint64(number)))
        return false;
    *out = qint64(number);
    return true;
}

template<typename Item>
bool readList(const QJsonValue &value, QList<Item> *items, QString *problem)
{
    if (!value.isArray())
        return fail(problem, Protocol::tr("A list was expected."));
    for (const QJsonValue &element : value.toArray()) {
        std::optional<Item> item = Item::fromJson(element, problem);
        if (!item)
            return false;
        items->append(std::move(*item));
    }
    return true;
}

template<typename Item>
QJsonArray writeList(const QList<Item> &items)
{
    QJsonArray array;
    for (const Item &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace

QStringList syncedTables()
{
    return { key("branches"),       key("users"),
             key("customers"),      key("contacts"),
             key("leads"),          key("tasks"),
             key("activities"),     key("sync_conflicts"),
             key("terminals"),      key("merchant_volumes"),
             key("kyc_items"),      key("approval_requests"),
             key("approval_steps"), key("approval_decisions"),
             key("dashboards") };
}

bool isSyncedTable(const QString &table)
{
    return syncedTables().contains(table);
}

int tableSchemaVersion(const QString &table)
{
    // 3: the merchant detail, and approvals, which 0.1.0 (schema 3) already knew by name.
    // 4: saved dashboards.
    if (table == key("dashboards"))
        return 4;
    if (table == key("terminals") || table == key("merchant_volumes") || table == key("kyc_items")
        || table.startsWith(key("approval_")))
        return 3;
    return 1;
}

bool isAppendOnly(const QString &table)
{
    return table == key("activities");
}

QJsonObject versionsToJson(const FieldVersions &versions)
{
    QJsonObject object;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        object.insert(it.key(), double(it.value()));
    return object;
}

bool versionsFromJson(const QJsonValue &value, FieldVersions *versions)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        qint64 version = 0;
        if (!readCount(it.value(), &version))
            return false;
        versions->insert(it.key(), version);
    }
    return true;
}

QJsonObject Change::toJson() const
{
    QJsonObject object{ { key("table"), table },
                        { key("id"), id },
                        { key("op"), op == Op::Upsert ? key("upsert") : key("remove") } };
    if (op == Op::Upsert) {
        object.insert(key("seq"), double(seq));
        object.insert(key("row"), row);
        object.insert(key("versions"), versionsToJson(versions));
    }
    return object;
}

std::optional<Change> Change::fromJson(const QJsonValue &value, QString *problem)
{
    const QJsonObject object = value.toObject();
    Change change;
    change.table = object.value(key("table")).toString();
    change.id = object.value(key("id")).toString();
    const QString op = object.value(key("op")).toString();
    if (!isSyncedTable(change.table) || change.id.isEmpty() || change.id.size() > 64) {
        fail(problem, Protocol::tr("A change names no known record."));
        return std::nullopt;
    }
    if (op == key("remove")) {
        change.op = Op::Remove;
        return change;
    }
    if (op != key("upsert") || !readCount(object.value(key("seq")), &change.seq)
        || !object.value(key("row")).isObject()
        || !versionsFromJson(object.value(key("versions")), &change.versions)) {
        fail(problem, Protocol::tr("A change is malformed."));
        return std::nullopt;
    }
    change.row = object.value(key("row")).toObject();
    return change;
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Applied:
        return key("applied");
    case Outcome::Merged:
        return key("merged");
    case Outcome::Conflict:
        return key("conflict");
    case Outcome::Rejected:
        return key("rejected");
    }
    return QString();
}

std::optional<Outcome> outcomeFromName(const QString &name)
{
    for (Outcome outcome :
         { Outcome::Applied, Outcome::Merged, Outcome::Conflict, Outcome::Rejected })
        if (outcomeName(outcome) == name)
            return outcome;
    return std::nullopt;
}

QJsonObject MutationResult::toJson() const
{
    QJsonObject object{ { key("mutation"), double(mutation) },
                        { key("outcome"), outcomeName(outcome) },
                        { key("code"), code },
                        { key("message"), message },
                        { key("seq"), double(seq) } };
    if (!conflicts.isEmpty())
        object.insert(key("conflicts"), QJsonArray::fromStringList(conflicts));
    return object;
}

std::optional<MutationResult> MutationResult::fromJson(const QJsonValue &value, QString *problem)
{
    const QJsonObject object = value.toObject();
    MutationResult result;
    const std::optional<Outcome> outcome = outcomeFromName(object.value(key("outcome")).toString());
    if (!outcome || !readCount(object.value(key("mutation")), &result.mutation)
        || !readCount(object.value(key("seq")), &result.seq)) {
        fail(problem, Protocol::tr("A mutation result is malformed."));
        return std::nullopt;
    }
    result.outcome = *outcome;
    result.code = object.value(key("code")).toString();
    result.message = object.value(key("message")).toString();
    for (const QJsonValue &id : object.value(key("conflicts")).toArray())
        result.conflicts << id.toString();
    return result;
}

QJsonObject PullRequest::toJson() const
{
    return withVersions({ { key("client_id"), clientId },
                          { key("cursor"), cursor.isEmpty() ? QJsonValue() : cursor },
                          { key("page_size"), pageSize },
                          { key("acked_mutation"), double(ackedMutation) },
                          { key("first_mutation"), double(firstMutation) } });
}

namespace {

// An optional first_mutation: at least 1, 1 when absent (clients before it was added).
bool readFirstMutation(const QJsonObject &object, qint64 *first, QString *problem)
{
    *first = 1;
    if (!object.contains(key("first_mutation")))
        return true;
    if (readCount(object.value(key("first_mutation")), first) && *first >= 1)
        return true;
    fail(problem, Protocol::tr("The first mutation number is malformed."));
    return false;
}

} // namespace

std::optional<PullRequest> PullRequest::fromJson(const QJsonObject &object, QString *problem)
{
    PullRequest request;
    request.clientId = object.value(key("client_id")).toString();
    request.cursor = object.value(key("cursor")).toString();
    qint64 pageSize = 0;
    if (!isUuid(request.clientId)) {
        fail(problem, Protocol::tr("The client id is missing or not a UUID."));
        return std::nullopt;
    }
    if (!readCount(object.value(key("page_size")), &pageSize) || pageSize < 1
        || pageSize > maxPageSize) {
        fail(problem, Protocol::tr("The page size must be between 1 and %1.").arg(maxPageSize));
        return std::nullopt;
    }
    request.pageSize = int(pageSize);
    if (object.contains(key("acked_mutation"))
        && !readCount(object.value(key("acked_mutation")), &request.ackedMutation)) {
        fail(problem, Protocol::tr("The acknowledged mutation number is malformed."));
        return std::nullopt;
    }
    if (!readFirstMutation(object, &request.firstMutation, problem))
        return std::nullopt;
    return request;
}

namespace {

QString modeName(PullPage::Mode mode)
{
    switch (mode) {
    case PullPage::Mode::Snapshot:
        return key("snapshot");
    case PullPage::Mode::Tail:
        return key("tail");
    case PullPage::Mode::Refetch:
        return key("refetch");
    }
    return QString();
}

} // namespace

QJsonObject PullPage::toJson() const
{
    const QJsonArray changeArray = writeList(changes);
    QJsonObject object{ { key("epoch"), epoch },
                        { key("head"), double(head) },
                        { key("mode"), modeName(mode) },
                        { key("changes"), changeArray },
                        { key("results"), writeList(results) },
                        { key("cursor"), cursor },
                        { key("more"), more },
                        { key("checksum"), checksumOf(changeArray) } };
    if (forgottenAfter >= 0)
        object.insert(key("forgotten_after"), double(forgottenAfter));
    if (snapshotTotal >= 0)
        object.insert(key("snapshot_total"), double(snapshotTotal));
    return object;
}

std::optional<PullPage> PullPage::fromJson(const QJsonObject &object, QString *problem)
{
    PullPage page;
    page.epoch = object.value(key("epoch")).toString();
    page.cursor = object.value(key("cursor")).toString();
    page.more = object.value(key("more")).toBool();
    const QString mode = object.value(key("mode")).toString();
    bool knownMode = false;
    for (Mode candidate : { Mode::Snapshot, Mode::Tail, Mode::Refetch })
        if (modeName(candidate) == mode) {
            page.mode = candidate;
            knownMode = true;
        }
    if (!knownMode || page.epoch.isEmpty() || !readCount(object.value(key("head")), &page.head)) {
        fail(problem, Protocol::tr("The server's page is malformed."));
        return std::nullopt;
    }
    if ((object.contains(key("forgotten_after"))
         && !readCount(object.value(key("forgotten_after")), &page.forgottenAfter))
        || (object.contains(key("snapshot_total"))
            && !readCount(object.value(key("snapshot_total")), &page.snapshotTotal))) {
        fail(problem, Protocol::tr("The server's page is malformed."));
        return std::nullopt;
    }
    const QJsonArray changeArray = object.value(key("changes")).toArray();
    if (checksumOf(changeArray) != object.value(key("checksum")).toString()) {
        fail(problem, Protocol::tr("The page's checksum does not match its contents."));
        return std::nullopt;
    }
    if (!readList(changeArray, &page.changes, problem)
        || !readList(object.value(key("results")), &page.results, problem))
        return std::nullopt;
    return page;
}

QString mutationOpName(Mutation::Op op)
{
    switch (op) {
    case Mutation::Op::Insert:
        return key("insert");
    case Mutation::Op::Update:
        return key("update");
    case Mutation::Op::Delete:
        return key("delete");
    case Mutation::Op::Resolve:
        return key("resolve");
    }
    return QString();
}

std::optional<Mutation::Op> mutationOpFromName(const QString &name)
{
    for (Mutation::Op op : { Mutation::Op::Insert, Mutation::Op::Update, Mutation::Op::Delete,
                             Mutation::Op::Resolve })
        if (mutationOpName(op) == name)
            return op;
    return std::nullopt;
}

QJsonObject Mutation::toJson() const
{
    return { { key("mutation"), double(number) },
             { key("table"), table },
             { key("id"), id },
             { key("op"), mutationOpName(op) },
             { key("fields"), fields },
             { key("base"), versionsToJson(base) },
             { key("base_version"), double(baseVersion) },
             { key("at"), at } };
}

std::optional<Mutation> Mutation::fromJson(const QJsonValue &value, QString *problem)
{
    const QJsonObject object = value.toObject();
    Mutation mutation;
    mutation.table = object.value(key("table")).toString();
    mutation.id = object.value(key("id")).toString();
    mutation.at = object.value(key("at")).toString();
    const std::optional<Op> op = mutationOpFromName(object.value(key("op")).toString());
    const QJsonValue fields = object.value(key("fields"));
    if (!op || !readCount(object.value(key("mutation")), &mutation.number) || mutation.number == 0
        || !isSyncedTable(mutation.table) || !isUuid(mutation.id)
        || !(fields.isObject() || fields.isUndefined())
        || !versionsFromJson(object.value(key("base")), &mutation.base)
        || (object.contains(key("base_version"))
            && !readCount(object.value(key("base_version")), &mutation.baseVersion))) {
        fail(problem, Protocol::tr("A mutation is malformed."));
        return std::nullopt;
    }
    mutation.op = *op;
    mutation.fields = fields.toObject();
    return mutation;
}

QJsonObject PushRequest::toJson() const
{
    return withVersions({ { key("client_id"), clientId },
                          { key("mutations"), writeList(mutations) },
                          { key("first_mutation"), double(firstMutation) } });
}

std::optional<PushRequest> PushRequest::fromJson(const QJsonObject &object, QString *problem)
{
    PushRequest request;
    request.clientId = object.value(key("client_id")).toString();
    if (!isUuid(request.clientId)) {
        fail(problem, Protocol::tr("The client id is missing or not a UUID."));
        return std::nullopt;
    }
    if (!readList(object.value(key("mutations")), &request.mutations, problem))
        return std::nullopt;
    if (request.mutations.size() > maxMutations) {
        fail(problem, Protocol::tr("At most %1 mutations may be sent at once.").arg(maxMutations));
        return std::nullopt;
    }
    if (!readFirstMutation(object, &request.firstMutation, problem))
        return std::nullopt;
    return request;
}

QJsonObject PushResponse::toJson() const
{
    QJsonObject object{ { key("results"), writeList(results) },
                        { key("last_mutation"), double(lastMutation) } };
    if (!refusedCode.isEmpty())
        object.insert(
                key("refused"),
                QJsonObject{ { key("code"), refusedCode }, { key("expected"), double(expected) } });
    return object;
}

std::optional<PushResponse> PushResponse::fromJson(const QJsonObject &object, QString *problem)
{
    PushResponse response;
    if (!readCount(object.value(key("last_mutation")), &response.lastMutation)
        || !readList(object.value(key("results")), &response.results, problem)) {
        if (problem && problem->isEmpty())
            *problem = Protocol::tr("The server's push answer is malformed.");
        return std::nullopt;
    }
    const QJsonObject refused = object.value(key("refused")).toObject();
    response.refusedCode = refused.value(key("code")).toString();
    readCount(refused.value(key("expected")), &response.expected);
    return response;
}

QJsonObject withVersions(QJsonObject body)
{
    body.insert(key("protocol_version"), protocolVersion);
    body.insert(key("schema_version"), schemaVersion);
    return body;
}

bool versionsSupported(const QJsonObject &body, QString *problem)
{
    const int protocol = body.value(key("protocol_version")).toInt(-1);
    const int schema = body.value(key("schema_version")).toInt(-1);
    if (protocol < minProtocolVersion || protocol > protocolVersion)
        return fail(problem,
                    Protocol::tr("Sync protocol version %1 is not supported here (%2 to %3 are).")
                            .arg(protocol)
                            .arg(minProtocolVersion)
                            .arg(protocolVersion));
    if (schema < minSchemaVersion || schema > schemaVersion)
        return fail(problem,
                    Protocol::tr("Record schema version %1 is not supported here (%2 to %3 are).")
                            .arg(schema)
                            .arg(minSchemaVersion)
                            .arg(schemaVersion));
    return true;
}

QString encodeValue(const QJsonValue &value)
{
    // QJsonDocument holds only objects and arrays: wrap the value and drop the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{ value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QJsonValue decodeValue(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue();
    const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"));
    return document.isArray() ? document.array().at(0) : QJsonValue();
}

QString checksumOf(const QJsonArray &changes)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(QJsonDocument(changes).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha256)
                    .toHex());
}

} // namespace branchline::sync
