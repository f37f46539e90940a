// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <type_traits>

namespace branchline::server {

// The optional parts of a record kind that SyncTableOf asks for, found at compile time so
// that the kinds needing none (customers, contacts, leads, tasks, activities) stay as they
// are:
//
// - `static QString readOnlyReason()`: clients never write this kind (terminals, monthly
//   volumes); every mutation is refused, journalled, with this reason.
// - `static std::optional<QString> checkWrite(const Caller &, const Record *before,
//   Record &record, QStringList *set)`: a refusal of a write the field permissions alone
//   allow (the KYC checklist's moves); may take server-written fields out of `set`.
// - `static void stamp(Record &record, const Caller &caller)`: fields the server writes on
//   every change that is made (who moved a checklist item).
// - `static constexpr bool insertOfExistingUpdates = true`: an insert of an id that exists
//   is merged into it like an update made on version 0 (rows whose id follows from their
//   content, which two devices may both make).

template<typename Kind, typename = void>
struct IsReadOnlyKind : std::false_type
{
};
template<typename Kind>
struct IsReadOnlyKind<Kind, std::void_t<decltype(Kind::readOnlyReason())>> : std::true_type
{
};

template<typename Kind, typename = void>
struct ChecksWrites : std::false_type
{
};
template<typename Kind>
struct ChecksWrites<Kind, std::void_t<decltype(&Kind::checkWrite)>> : std::true_type
{
};

template<typename Kind, typename = void>
struct StampsWrites : std::false_type
{
};
template<typename Kind>
struct StampsWrites<Kind, std::void_t<decltype(&Kind::stamp)>> : std::true_type
{
};

template<typename Kind, typename = void>
struct InsertOfExistingUpdates : std::false_type
{
};
template<typename Kind>
struct InsertOfExistingUpdates<Kind, std::enable_if_t<Kind::insertOfExistingUpdates>>
    : std::true_type
{
};

template<typename Kind>
std::optional<QString> checkWrite(const Caller &caller, const typename Kind::Record *before,
                                  typename Kind::Record &record, QStringList *set)
{
    if constexpr (ChecksWrites<Kind>::value)
        return Kind::checkWrite(caller, before, record, set);
    else
        return std::nullopt;
}

template<typename Kind>
void stampWrite(typename Kind::Record &record, const Caller &caller)
{
    if constexpr (StampsWrites<Kind>::value)
        Kind::stamp(record, caller);
}

} // namespace branchline::server
