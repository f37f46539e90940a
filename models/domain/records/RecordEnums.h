// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace branchline {

// The closed vocabularies of the core records. Each value has a stable code (what the
// store and the wire carry, matching the schema's CHECK constraints) and a translated
// label (what people read).

enum class CustomerKind { Merchant, Individual, Corporate };
enum class CustomerStatus { Prospect, Onboarding, Active, Suspended, Terminated };
enum class RiskLevel { Low, Medium, High, Prohibited };
enum class KycStatus { NotStarted, InProgress, Verified, Expired, Rejected };
enum class LeadSource { WebForm, Referral, Partner, Event, CallCentre, WalkIn };
enum class LeadStatus { New, Contacted, Qualified, Converted, Lost };
enum class TaskPriority { Low, Normal, High, Urgent };
enum class TaskStatus { Open, Done, Cancelled };
enum class ActivityKind { Call, Visit, Note, Email, Document };

// code(value), parse<Enum>(code) and label(value) for every enum above.
class RecordEnums
{
    Q_DECLARE_TR_FUNCTIONS(RecordEnums)

public:
    static QString code(CustomerKind value);
    static QString code(CustomerStatus value);
    static QString code(RiskLevel value);
    static QString code(KycStatus value);
    static QString code(LeadSource value);
    static QString code(LeadStatus value);
    static QString code(TaskPriority value);
    static QString code(TaskStatus value);
    static QString code(ActivityKind value);

    static QString label(CustomerKind value);
    static QString label(CustomerStatus value);
    static QString label(RiskLevel value);
    static QString label(KycStatus value);
    static QString label(LeadSource value);
    static QString label(LeadStatus value);
    static QString label(TaskPriority value);
    static QString label(TaskStatus value);
    static QString label(ActivityKind value);

    template<typename Enum>
    static std::optional<Enum> parse(const QString &code);

    template<typename Enum>
    static QList<Enum> all();
};

// Defined in RecordEnums.cpp for each enum above.
template<>
std::optional<CustomerKind> RecordEnums::parse<CustomerKind>(const QString &code);
template<>
std::optional<CustomerStatus> RecordEnums::parse<CustomerStatus>(const QString &code);
template<>
std::optional<RiskLevel> RecordEnums::parse<RiskLevel>(const QString &code);
template<>
std::optional<KycStatus> RecordEnums::parse<KycStatus>(const QString &code);
template<>
std::optional<LeadSource> RecordEnums::parse<LeadSource>(const QString &code);
template<>
std::optional<LeadStatus> RecordEnums::parse<LeadStatus>(const QString &code);
template<>
std::optional<TaskPriority> RecordEnums::parse<TaskPriority>(const QString &code);
template<>
std::optional<TaskStatus> RecordEnums::parse<TaskStatus>(const QString &code);
template<>
std::optional<ActivityKind> RecordEnums::parse<ActivityKind>(const QString &code);
template<>
QList<CustomerKind> RecordEnums::all<CustomerKind>();
template<>
QList<CustomerStatus> RecordEnums::all<CustomerStatus>();
template<>
QList<RiskLevel> RecordEnums::all<RiskLevel>();
template<>
QList<KycStatus> RecordEnums::all<KycStatus>();
template<>
QList<LeadSource> RecordEnums::all<LeadSource>();
template<>
QList<LeadStatus> RecordEnums::all<LeadStatus>();
template<>
QList<TaskPriority> RecordEnums::all<TaskPriority>();
template<>
QList<TaskStatus> RecordEnums::all<TaskStatus>();
template<>
QList<ActivityKind> RecordEnums::all<ActivityKind>();

} // namespace branchline
