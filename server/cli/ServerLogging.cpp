// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerLogging.h"

#include <QLoggingCategory>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace branchline::server {

QStringList ServerLogging::levels()
{
    return { QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
             QStringLiteral("error") };
}

void ServerLogging::apply(const QString &level)
{
    // Qt's own debug output (qt.*) stays off even at debug: it is for Qt's developers.
    QStringList rules{ QStringLiteral("*.debug=false") };
    if (level == QLatin1String("debug"))
        rules << QStringLiteral("branchline.*.debug=true");
    if (level == QLatin1String("warning") || level == QLatin1String("error"))
        rules << QStringLiteral("*.info=false");
    if (level == QLatin1String("error"))
        rules << QStringLiteral("*.warning=false");
    QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));

    // QT_MESSAGE_PATTERN, when set, overrides this.
    if (stderrIsJournal())
        qSetMessagePattern(
                QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                               "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}"
                               "%{if-category}%{category}: %{endif}%{message}"));
}

bool ServerLogging::stderrIsJournal()
{
#ifdef Q_OS_UNIX
    // systemd sets JOURNAL_STREAM to "<device>:<inode>" of the stream it connected.
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const QList<QByteArray> parts = stream.split(':');
    if (parts.size() != 2)
        return false;
    struct stat status
    {
    };
    if (fstat(STDERR_FILENO, &status) != 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts.at(0).toULongLong(&deviceOk);
    const qulonglong inode = parts.at(1).toULongLong(&inodeOk);
    return deviceOk && inodeOk && device == qulonglong(status.st_dev)
            && inode == qulonglong(status.st_ino);
#else
    return false;
#endif
}

} // namespace branchline::server
