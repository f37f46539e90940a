// SPDX-License-Identifier: GPL-3.0-or-later
#include "BranchConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>

Q_LOGGING_CATEGORY(lcBranchConfig, "branchline.accounts.config")

namespace branchline {

QString BranchConfig::defaultPath()
{
    const QString overridden = qEnvironmentVariable("BRANCHLINE_CLIENT_CONF");
    if (!overridden.isEmpty())
        return overridden;
#if defined(Q_OS_WIN)
    return QDir::fromNativeSeparators(qEnvironmentVariable("ProgramData"))
            + QStringLiteral("/Branchline/client.conf");
#elif defined(Q_OS_MACOS)
    return QStringLiteral("/Library/Application Support/Branchline/client.conf");
#else
    return QStringLiteral("/etc/branchline/client.conf");
#endif
}

BranchConfig BranchConfig::load(const QString &path)
{
    BranchConfig config;
    if (!QFileInfo(path).isFile())
        return config;
    config.m_exists = true;
    config.m_path = path;
    // Keys before any [section] land in QSettings' General group, which value() reads.
    const QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        qCWarning(lcBranchConfig) << "cannot read" << path;
        return config;
    }
    const QUrl url(file.value(QStringLiteral("server_url")).toString().trimmed());
    if (url.isValid()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
        && !url.host().isEmpty()) {
        config.m_serverUrl = url;
    } else if (!url.isEmpty()) {
        qCWarning(lcBranchConfig) << "ignoring server_url that is not an http(s) address in"
                                  << path;
    }
    config.m_serverUrlLocked = file.value(QStringLiteral("server_url_locked")).toBool();

    const QString language = file.value(QStringLiteral("language")).toString().trimmed();
    config.m_language = parseLanguage(language);
    if (!config.m_language && !language.isEmpty())
        qCWarning(lcBranchConfig) << "ignoring language" << language
                                  << "(use zh_CN, en or system) in" << path;
    config.m_languageLocked = file.value(QStringLiteral("language_locked")).toBool();

    const QString certificate = file.value(QStringLiteral("ca_certificate")).toString().trimmed();
    if (!certificate.isEmpty())
        config.m_caCertificatePath =
                QDir::cleanPath(QFileInfo(path).absoluteDir().absoluteFilePath(certificate));
    config.m_branch = file.value(QStringLiteral("branch")).toString().trimmed();
    return config;
}

std::optional<QString> BranchConfig::parseLanguage(const QString &text)
{
    const QString spelled = text.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    if (spelled == QLatin1String("zh_cn"))
        return QStringLiteral("zh_CN");
    if (spelled == QLatin1String("en"))
        return QStringLiteral("en");
    if (spelled == QLatin1String("system"))
        return QString();
    return std::nullopt;
}

} // namespace branchline
