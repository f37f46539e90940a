// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVariant>

namespace branchline {

// Where the next page of a list starts: the sort key and row number of the last row shown.
// Keyset paging costs the same for page 1 and page 5,000, where OFFSET would re-read every
// row before the page.
struct PageCursor
{
    QVariant key;
    qint64 localId = 0;
    bool isStart() const { return localId == 0; }
};

} // namespace branchline
