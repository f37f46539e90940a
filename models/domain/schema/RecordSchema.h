// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Masking.h"

#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace branchline {

// Add new kinds at the end: tests and tables index by the order.
enum class RecordType {
    Customer,
    Contact,
    Lead,
    Task,
    Activity,
    Terminal,
    MerchantVolume,
    KycItem
};

// How a field's value is written: in the database, on the wire (JSON) and in a form.
enum class FieldType {
    Text, // a line of text
    LongText, // notes and bodies
    Integer, // a whole number (a score, a size, a count)
    Money, // whole fen (分), a JSON number
    Rate, // millionths of the amount (FeeRate), a JSON number
    Date, // yyyy-MM-dd
    DateTime, // ISO 8601 with milliseconds, in UTC
    Bool, // 0 or 1 in the database, a JSON boolean
    Choice, // a code from the field's vocabulary
    Reference, // the global id of a record of another kind
    TextList, // a JSON array of strings; comma-joined in the database
};

// Fields fall into a few classes that share their permissions; FieldPolicy's matrix gives
// each class's permission per role.
enum class FieldClass {
    Pii, // personal information
    SettlementAccount, // PII that branch managers have no need to see
    RiskRating, // set by risk and compliance
    ApprovalControlled, // changes only through an approval
    Assignment, // who owns the record and where
    Ordinary, // any other field of a customer, contact or lead
    Work, // fields of tasks and activities
    KycReview, // the state of a KYC checklist item
    KycWork, // the rest of a KYC checklist item
    SystemFed, // fed by the institution's other systems or stamped by the server
    Unknown, // a name not in the schema
};

// One field of a record kind, named by its database column, which is also its key on the
// wire and in the change log.
struct FieldSchema
{
    enum Flag : unsigned {
        None = 0,
        Required = 1u << 0, // a record without a value is invalid (stored NOT NULL, non-empty)
        Nullable = 1u << 1, // an empty value is stored as NULL, not as ''
        Searchable = 1u << 2, // the local store's full-text index carries it
        ClientReadOnly = 1u << 3, // the client reads it but never writes it (the server does)
    };

    QLatin1String key;
    FieldType type = FieldType::Text;
    FieldClass access = FieldClass::Unknown;
    std::optional<PiiKind> pii;
    int maxLength = 64; // characters of its text form (numbers and dates included)
    unsigned flags = None;
    const char *label = nullptr; // source text in the "FieldLabels" translation context
    // Choice: the codes it may hold, and each code's label in the interface's language.
    QStringList (*vocabulary)() = nullptr;
    std::optional<QString> (*choiceLabel)(const QString &code) = nullptr;
    // Reference: the kinds it may point at (the first, unless a sibling field names the table).
    QList<RecordType> references;

    bool has(Flag flag) const { return (flags & flag) != 0; }
    bool isNumber() const
    {
        return type == FieldType::Integer || type == FieldType::Money || type == FieldType::Rate;
    }
};

// One kind of record: its table, its fields in column order, and the columns that decide
// who may see a row (its scope keys; a kind without its own takes them from the record it
// belongs to).
struct KindSchema
{
    RecordType type;
    QLatin1String table;
    const char *label = nullptr; // "Customer", in the "FieldLabels" context
    QList<FieldSchema> fields;
    QStringList scopeKeys;
    QLatin1String scopedThrough; // the reference field whose record holds the scope keys
    bool appendOnly = false; // rows are written once and never changed or deleted
    bool systemFed = false; // written by the institution's systems, never by a client
    // Columns the server's table keeps beside the fields, for its own bookkeeping and never
    // sent to a client (the integration a lead came in through).
    QStringList serverColumns = {};

    const FieldSchema *field(const QString &key) const;
    QStringList keys() const; // every field, in column order
};

// Every record kind there is, described once. The server's JSON and SQL mapping, the
// client's repositories, field permissions, labels, the sync tables and the dashboards'
// data sets all read it; tests/schema checks that each of them exposes exactly this.
class RecordSchema
{
public:
    static const QList<KindSchema> &kinds();
    static const KindSchema &kind(RecordType type);
    static const KindSchema *kind(const QString &table);
    static const FieldSchema *field(RecordType type, const QString &key);
};

} // namespace branchline
