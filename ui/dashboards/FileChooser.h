// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace branchline {

// Asks where to save an export. Behind this small class so GUI tests answer it
// (setNextPath) instead of a dialog that would block.
class FileChooser
{
public:
    static QString saveFileName(QWidget *parent, const QString &title, const QString &suggested,
                                const QString &filter);
    // The next saveFileName() returns this without asking; an empty path means cancelled.
    static void setNextPath(const QString &path);

private:
    static QString *next();
    static bool &hasNext();
};

} // namespace branchline
