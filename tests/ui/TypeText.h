// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>
#include <QTest>

namespace branchline::test {

// Types like a person: keys for ASCII, and what an input method commits for Chinese
// (QTest cannot press keys that do not exist on a keyboard).
inline void typeText(QLineEdit *edit, const QString &text)
{
    bool ascii = true;
    for (const QChar c : text)
        ascii &= c.unicode() < 128;
    if (ascii)
        QTest::keyClicks(edit, text);
    else
        edit->insert(text);
}

} // namespace branchline::test
