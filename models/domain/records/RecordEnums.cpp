// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordEnums.h"

#include <array>

namespace branchline {

namespace {

template<typename Enum, std::size_t N>
QString codeFrom(const std::array<const char *, N> &codes, Enum value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QString::fromLatin1(codes[index]) : QString();
}

template<typename Enum, std::size_t N>
std::optional<Enum> parseFrom(const std::array<const char *, N> &codes, const QString &code)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (code == QLatin1String(codes[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

// The codes, in enum order. They are the store's and the protocol's vocabulary: never
// rename one, only add.
constexpr std::array<const char *, 3> customerKinds{ "merchant", "individual", "corporate" };
constexpr std::array<const char *, 5> customerStatuses{ "prospect", "onboarding", "active",
                                                        "suspended", "terminated" };
constexpr std::array<const char *, 4> riskLevels{ "low", "medium", "high", "prohibited" };
constexpr std::array<const char *, 5> kycStatuses{ "not_started", "in_progress", "verified",
                                                   "expired", "rejected" };
constexpr std::array<const char *, 6> leadSources{ "web_form", "referral",    "partner",
                                                   "event",    "call_centre", "walk_in" };
constexpr std::array<const char *, 5> leadStatuses{ "new", "contacted", "qualified", "converted",
                                                    "lost" };
constexpr std::array<const char *, 4> taskPriorities{ "low", "normal", "high", "urgent" };
constexpr std::array<const char *, 3> taskStatuses{ "open", "done", "cancelled" };
constexpr std::array<const char *, 5> activityKinds{ "call", "visit", "note", "email", "document" };

} // namespace

QString RecordEnums::code(CustomerKind value)
{
    return codeFrom(customerKinds, value);
}
QString RecordEnums::code(CustomerStatus value)
{
    return codeFrom(customerStatuses, value);
}
QString RecordEnums::code(RiskLevel value)
{
    return codeFrom(riskLevels, value);
}
QString RecordEnums::code(KycStatus value)
{
    return codeFrom(kycStatuses, value);
}
QString RecordEnums::code(LeadSource value)
{
    return codeFrom(leadSources, value);
}
QString RecordEnums::code(LeadStatus value)
{
    return codeFrom(leadStatuses, value);
}
QString RecordEnums::code(TaskPriority value)
{
    return codeFrom(taskPriorities, value);
}
QString RecordEnums::code(TaskStatus value)
{
    return codeFrom(taskStatuses, value);
}
QString RecordEnums::code(ActivityKind value)
{
    return codeFrom(activityKinds, value);
}

template<>
std::optional<CustomerKind> RecordEnums::parse(const QString &c)
{
    return parseFrom<CustomerKind>(customerKinds, c);
}
template<>
std::optional<CustomerStatus> RecordEnums::parse(const QString &c)
{
    return parseFrom<CustomerStatus>(customerStatuses, c);
}
template<>
std::optional<RiskLevel> RecordEnums::parse(const QString &c)
{
    return parseFrom<RiskLevel>(riskLevels, c);
}
template<>
std::optional<KycStatus> RecordEnums::parse(const QString &c)
{
    return parseFrom<KycStatus>(kycStatuses, c);
}
template<>
std::optional<LeadSource> RecordEnums::parse(const QString &c)
{
    return parseFrom<LeadSource>(leadSources, c);
}
template<>
std::optional<LeadStatus> RecordEnums::parse(const QString &c)
{
    return parseFrom<LeadStatus>(leadStatuses, c);
}
template<>
std::optional<TaskPriority> RecordEnums::parse(const QString &c)
{
    return parseFrom<TaskPriority>(taskPriorities, c);
}
template<>
std::optional<TaskStatus> RecordEnums::parse(const QString &c)
{
    return parseFrom<TaskStatus>(taskStatuses, c);
}
template<>
std::optional<ActivityKind> RecordEnums::parse(const QString &c)
{
    return parseFrom<ActivityKind>(activityKinds, c);
}

template<typename Enum, std::size_t N>
QList<Enum> allOf(const std::array<const char *, N> &)
{
    QList<Enum> values;
    for (std::size_t i = 0; i < N; ++i)
        values << static_cast<Enum>(i);
    return values;
}

template<>
QList<CustomerKind> RecordEnums::all()
{
    return allOf<CustomerKind>(customerKinds);
}
template<>
QList<CustomerStatus> RecordEnums::all()
{
    return allOf<CustomerStatus>(customerStatuses);
}
template<>
QList<RiskLevel> RecordEnums::all()
{
    return allOf<RiskLevel>(riskLevels);
}
template<>
QList<KycStatus> RecordEnums::all()
{
    return allOf<KycStatus>(kycStatuses);
}
template<>
QList<LeadSource> RecordEnums::all()
{
    return allOf<LeadSource>(leadSources);
}
template<>
QList<LeadStatus> RecordEnums::all()
{
    return allOf<LeadStatus>(leadStatuses);
}
template<>
QList<TaskPriority> RecordEnums::all()
{
    return allOf<TaskPriority>(taskPriorities);
}
template<>
QList<TaskStatus> RecordEnums::all()
{
    return allOf<TaskStatus>(taskStatuses);
}
template<>
QList<ActivityKind> RecordEnums::all()
{
    return allOf<ActivityKind>(activityKinds);
}

QString RecordEnums::label(CustomerKind value)
{
    switch (value) {
    case CustomerKind::Merchant:
        return tr("Merchant");
    case CustomerKind::Individual:
        return tr("Individual borrower");
    case CustomerKind::Corporate:
        return tr("Corporate borrower");
    }
    return QString();
}

QString RecordEnums::label(CustomerStatus value)
{
    switch (value) {
    case CustomerStatus::Prospect:
        return tr("Prospect");
    case CustomerStatus::Onboarding:
        return tr("Onboarding");
    case CustomerStatus::Active:
        return tr("Active");
    case CustomerStatus::Suspended:
        return tr("Suspended");
    case CustomerStatus::Terminated:
        return tr("Terminated");
    }
    return QString();
}

QString RecordEnums::label(RiskLevel value)
{
    switch (value) {
    case RiskLevel::Low:
        return tr("Low risk");
    case RiskLevel::Medium:
        return tr("Medium risk");
    case RiskLevel::High:
        return tr("High risk");
    case RiskLevel::Prohibited:
        return tr("Prohibited");
    }
    return QString();
}

QString RecordEnums::label(KycStatus value)
{
    switch (value) {
    case KycStatus::NotStarted:
        return tr("KYC not started");
    case KycStatus::InProgress:
        return tr("KYC in progress");
    case KycStatus::Verified:
        return tr("KYC verified");
    case KycStatus::Expired:
        return tr("KYC expired");
    case KycStatus::Rejected:
        return tr("KYC rejected");
    }
    return QString();
}

QString RecordEnums::label(LeadSource value)
{
    switch (value) {
    case LeadSource::WebForm:
        return tr("Web form");
    case LeadSource::Referral:
        return tr("Referral");
    case LeadSource::Partner:
        return tr("Partner");
    case LeadSource::Event:
        return tr("Event");
    case LeadSource::CallCentre:
        return tr("Call centre");
    case LeadSource::WalkIn:
        return tr("Walk-in");
    }
    return QString();
}

QString RecordEnums::label(LeadStatus value)
{
    switch (value) {
    case LeadStatus::New:
        return tr("New");
    case LeadStatus::Contacted:
        return tr("Contacted");
    case LeadStatus::Qualified:
        return tr("Qualified");
    case LeadStatus::Converted:
        return tr("Converted");
    case LeadStatus::Lost:
        return tr("Lost");
    }
    return QString();
}

QString RecordEnums::label(TaskPriority value)
{
    switch (value) {
    case TaskPriority::Low:
        return tr("Low");
    case TaskPriority::Normal:
        return tr("Normal");
    case TaskPriority::High:
        return tr("High");
    case TaskPriority::Urgent:
        return tr("Urgent");
    }
    return QString();
}

QString RecordEnums::label(TaskStatus value)
{
    switch (value) {
    case TaskStatus::Open:
        return tr("Open");
    case TaskStatus::Done:
        return tr("Done");
    case TaskStatus::Cancelled:
        return tr("Cancelled");
    }
    return QString();
}

QString RecordEnums::label(ActivityKind value)
{
    switch (value) {
    case ActivityKind::Call:
        return tr("Call");
    case ActivityKind::Visit:
        return tr("Visit");
    case ActivityKind::Note:
        return tr("Note");
    case ActivityKind::Email:
        return tr("Email");
    case ActivityKind::Document:
        return tr("Document");
    }
    return QString();
}

} // namespace branchline
