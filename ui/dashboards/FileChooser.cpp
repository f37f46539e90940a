// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileChooser.h"

#include <QDir>
#include <QFileDialog>

namespace branchline {

QString *FileChooser::next()
{
    static QString path;
    return &path;
}

bool &FileChooser::hasNext()
{
    static bool set = false;
    return set;
}

void FileChooser::setNextPath(const QString &path)
{
    *next() = path;
    hasNext() = true;
}

QString FileChooser::saveFileName(QWidget *parent, const QString &title, const QString &suggested,
                                  const QString &filter)
{
    if (hasNext()) {
        hasNext() = false;
        return *next();
    }
    return QFileDialog::getSaveFileName(parent, title, QDir::home().filePath(suggested), filter);
}

} // namespace branchline
