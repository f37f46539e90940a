// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MerchantRecords.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace branchline {

// Codes and labels of the merchant detail's closed vocabularies, as RecordEnums does for
// the core records: the code is what the store and the wire carry (matching the schemas'
// CHECK constraints), the label what people read.
class MerchantEnums
{
    Q_DECLARE_TR_FUNCTIONS(MerchantEnums)

public:
    static QString code(TerminalKind value);
    static QString code(TerminalStatus value);
    static QString code(KycItemKind value);
    static QString code(KycItemState value);

    static QString label(TerminalKind value);
    static QString label(TerminalStatus value);
    static QString label(KycItemState value);
    // KycRules::label names an item, since its name depends on the customer's kind.

    template<typename Enum>
    static std::optional<Enum> parse(const QString &code);
    template<typename Enum>
    static QList<Enum> all();
};

template<>
std::optional<TerminalKind> MerchantEnums::parse<TerminalKind>(const QString &code);
template<>
std::optional<TerminalStatus> MerchantEnums::parse<TerminalStatus>(const QString &code);
template<>
std::optional<KycItemKind> MerchantEnums::parse<KycItemKind>(const QString &code);
template<>
std::optional<KycItemState> MerchantEnums::parse<KycItemState>(const QString &code);
template<>
QList<TerminalKind> MerchantEnums::all<TerminalKind>();
template<>
QList<TerminalStatus> MerchantEnums::all<TerminalStatus>();
template<>
QList<KycItemKind> MerchantEnums::all<KycItemKind>();
template<>
QList<KycItemState> MerchantEnums::all<KycItemState>();

} // namespace branchline
