// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantEnums.h"

#include <array>

namespace branchline {

namespace {

// The codes, in enum order: the store's and the protocol's vocabulary. Never rename one,
// only add.
constexpr std::array<const char *, 4> terminalKinds{ "pos", "smart_pos", "qr_stand", "soft_pos" };
constexpr std::array<const char *, 4> terminalStatuses{ "active", "inactive", "faulty",
                                                        "retrieved" };
constexpr std::array<const char *, 6> kycItems{ "business_licence",         "legal_rep_id",
                                                "settlement_account_proof", "site_visit",
                                                "beneficial_owner",         "sanctions_screening" };
constexpr std::array<const char *, 4> kycStates{ "missing", "submitted", "verified", "rejected" };

template<typename Enum, std::size_t N>
QString codeFrom(const std::array<const char *, N> &codes, Enum value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QString::fromLatin1(codes[index]) : QString();
}

template<typename Enum, std::size_t N>
std::optional<Enum> parseFrom(const std::array<const char *, N> &codes, const QString &code)
{
    for (std::size_t i = 0; i < N; ++i)
        if (code == QLatin1String(codes[i]))
            return static_cast<Enum>(i);
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QList<Enum> allOf(const std::array<const char *, N> &)
{
    QList<Enum> values;
    for (std::size_t i = 0; i < N; ++i)
        values << static_cast<Enum>(i);
    return values;
}

} // namespace

QString MerchantEnums::code(TerminalKind value)
{
    return codeFrom(terminalKinds, value);
}

QString MerchantEnums::code(TerminalStatus value)
{
    return codeFrom(terminalStatuses, value);
}

QString MerchantEnums::code(KycItemKind value)
{
    return codeFrom(kycItems, value);
}

QString MerchantEnums::code(KycItemState value)
{
    return codeFrom(kycStates, value);
}

QString MerchantEnums::label(TerminalKind value)
{
    switch (value) {
    case TerminalKind::Pos:
        return tr("POS terminal");
    case TerminalKind::SmartPos:
        return tr("Smart POS");
    case TerminalKind::QrStand:
        return tr("QR code stand");
    case TerminalKind::SoftPos:
        return tr("Soft POS (phone)");
    }
    return code(value);
}

QString MerchantEnums::label(TerminalStatus value)
{
    switch (value) {
    case TerminalStatus::Active:
        return tr("Active");
    case TerminalStatus::Inactive:
        return tr("Inactive");
    case TerminalStatus::Faulty:
        return tr("Faulty");
    case TerminalStatus::Retrieved:
        return tr("Retrieved");
    }
    return code(value);
}

QString MerchantEnums::label(KycItemState value)
{
    switch (value) {
    case KycItemState::Missing:
        return tr("Missing");
    case KycItemState::Submitted:
        return tr("Submitted");
    case KycItemState::Verified:
        return tr("Verified");
    case KycItemState::Rejected:
        return tr("Rejected");
    }
    return code(value);
}

template<>
std::optional<TerminalKind> MerchantEnums::parse<TerminalKind>(const QString &code)
{
    return parseFrom<TerminalKind>(terminalKinds, code);
}

template<>
std::optional<TerminalStatus> MerchantEnums::parse<TerminalStatus>(const QString &code)
{
    return parseFrom<TerminalStatus>(terminalStatuses, code);
}

template<>
std::optional<KycItemKind> MerchantEnums::parse<KycItemKind>(const QString &code)
{
    return parseFrom<KycItemKind>(kycItems, code);
}

template<>
std::optional<KycItemState> MerchantEnums::parse<KycItemState>(const QString &code)
{
    return parseFrom<KycItemState>(kycStates, code);
}

template<>
QList<TerminalKind> MerchantEnums::all<TerminalKind>()
{
    return allOf<TerminalKind>(terminalKinds);
}

template<>
QList<TerminalStatus> MerchantEnums::all<TerminalStatus>()
{
    return allOf<TerminalStatus>(terminalStatuses);
}

template<>
QList<KycItemKind> MerchantEnums::all<KycItemKind>()
{
    return allOf<KycItemKind>(kycItems);
}

template<>
QList<KycItemState> MerchantEnums::all<KycItemState>()
{
    return allOf<KycItemState>(kycStates);
}

} // namespace branchline
