// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline {

// Turns what a user types into the search box into an FTS4 MATCH expression.
//
// Every term must match (AND). A term with Chinese characters becomes a phrase, so "科技"
// finds the two characters next to each other; a Latin or numeric term becomes a prefix
// ("zhang" matches "zhangsan"). Characters that mean something to the FTS query syntax are
// dropped, so no input can break or widen the query.
class SearchQuery
{
public:
    static QString matchExpression(const QString &input);

    // Terms beyond this many are ignored: each one costs a doclist merge.
    static constexpr int maxTerms = 8;
};

} // namespace branchline
