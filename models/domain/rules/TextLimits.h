// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline {

// How long a piece of text the server stores or acts on may be, in characters (QString
// length, UTF-16 code units). One table for both programs, so a form refuses what the server
// would refuse. Longer text is a 400 that names the field, never a truncation: cutting a
// value silently would store something the user did not write.
//
// The fields of records (names, addresses, notes...) have their limits beside their other
// rules (FieldLimits); these are the texts that belong to no record.
namespace TextLimits {

constexpr int login = 64; // a user's login name
constexpr int password = 1024; // enough for any passphrase; Argon2 of megabytes is a DoS
constexpr int deviceId = 128; // the client's installation id
constexpr int displayName = 100; // users, branches, integrations
constexpr int reason = 500; // why PII is unmasked, why a decision was taken
constexpr int comment = 2000; // an approval decision's comment
constexpr int searchQuery = 200; // q= of a list
constexpr int identifier = 64; // record ids, client ids, cursors' parts

// Whether `text` is within `limit`.
inline bool fits(const QString &text, int limit)
{
    return text.size() <= limit;
}

} // namespace TextLimits

} // namespace branchline
