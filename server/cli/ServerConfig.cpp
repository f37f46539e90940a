// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerConfig.h"

#include "ServeCommand.h"
#include "ServerLogging.h"
#include "http/ClientAddress.h"
#include "http/ConnectionLimit.h"

#include <QFile>

#include <algorithm>
#include <array>

namespace branchline::server {

namespace {

// Sets one key's value on the settings; false with the reason (never the value) in `why`.
using Apply = bool (*)(const QString &value, ServerSettings *settings, QString *why);

struct Key
{
    const char *name;
    Apply apply;
};

bool wholeNumber(const QString &text, int low, int high, int *value, QString *why)
{
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < low || number > high) {
        *why = ServerConfig::tr("takes a whole number from %1 to %2").arg(low).arg(high);
        return false;
    }
    *value = number;
    return true;
}

bool applyDatabase(const QString &value, ServerSettings *settings, QString *why)
{
    if (DatabaseUrl::parse(value, &settings->database, why))
        return true;
    // QUrl's own messages quote the text they failed on, password and all.
    const QString userInfo =
            value.section(QLatin1String("://"), 1).section(QLatin1Char('@'), 0, -2);
    const QString password = userInfo.section(QLatin1Char(':'), 1);
    if (!password.isEmpty() && why->contains(password))
        *why = ServerConfig::tr("is not a valid URL (postgresql://user:password@host:port/"
                                "database or a file path)");
    return false;
}

bool applyListen(const QString &value, ServerSettings *settings, QString *why)
{
    if (parseListen(value, &settings->http))
        return true;
    *why = ServerConfig::tr("takes address:port, for example 0.0.0.0:8443 or [::]:8443");
    return false;
}

bool applyThreads(const QString &value, ServerSettings *settings, QString *why)
{
    return wholeNumber(value, 1, 256, &settings->http.threads, why);
}

bool applyMaxConnections(const QString &value, ServerSettings *settings, QString *why)
{
    return wholeNumber(value, ConnectionLimit::minimum, 1000000, &settings->http.maxConnections,
                       why);
}

bool applyTrustedProxies(const QString &value, ServerSettings *settings, QString *why)
{
    QStringList proxies = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &proxy : proxies)
        proxy = proxy.trimmed();
    if (!ClientAddress::validate(proxies, why))
        return false;
    settings->http.trustedProxies = proxies;
    return true;
}

bool applyTlsCert(const QString &value, ServerSettings *settings, QString *)
{
    settings->http.certificateFile = value;
    return true;
}

bool applyTlsKey(const QString &value, ServerSettings *settings, QString *)
{
    settings->http.privateKeyFile = value;
    return true;
}

bool applyAccessMinutes(const QString &value, ServerSettings *settings, QString *why)
{
    int minutes = 0;
    if (!wholeNumber(value, 1, 24 * 60, &minutes, why))
        return false;
    settings->sessions.accessLifetimeSeconds = minutes * 60;
    return true;
}

bool applyRefreshDays(const QString &value, ServerSettings *settings, QString *why)
{
    int days = 0;
    if (!wholeNumber(value, 1, 365, &days, why))
        return false;
    settings->sessions.refreshLifetimeSeconds = days * 24 * 3600;
    return true;
}

bool applyLoginAttempts(const QString &value, ServerSettings *settings, QString *why)
{
    // Wrong passwords in a row for one login before the waits begin (it used to lock).
    return wholeNumber(value, 1, 100, &settings->sessions.freeFailedLogins, why);
}

bool applyLockoutMinutes(const QString &value, ServerSettings *settings, QString *why)
{
    int minutes = 0;
    if (!wholeNumber(value, 1, 24 * 60, &minutes, why))
        return false;
    settings->sessions.maxDelaySeconds = minutes * 60; // the longest wait (it used to be a lock)
    return true;
}

bool applyKeyDirectory(const QString &value, ServerSettings *settings, QString *)
{
    settings->keyDirectory = value;
    return true;
}

bool applyPiiLookups(const QString &value, ServerSettings *settings, QString *why)
{
    return wholeNumber(value, 0, 10000, &settings->piiLookupsPerHour, why);
}

bool applyAuditAnchorMinutes(const QString &value, ServerSettings *settings, QString *why)
{
    return wholeNumber(value, 0, 24 * 60, &settings->auditAnchorMinutes, why);
}

bool applyLogLevel(const QString &value, ServerSettings *settings, QString *why)
{
    if (!ServerLogging::levels().contains(value)) {
        *why = ServerConfig::tr("takes one of %1")
                       .arg(ServerLogging::levels().join(QStringLiteral(", ")));
        return false;
    }
    settings->logLevel = value;
    return true;
}

const std::array<Key, 15> &table()
{
    static const std::array<Key, 15> keys{ {
            { "database", applyDatabase },
            { "listen", applyListen },
            { "threads", applyThreads },
            { "max_connections", applyMaxConnections },
            { "trusted_proxies", applyTrustedProxies },
            { "tls_cert", applyTlsCert },
            { "tls_key", applyTlsKey },
            { "access_token_minutes", applyAccessMinutes },
            { "refresh_token_days", applyRefreshDays },
            { "login_attempts", applyLoginAttempts },
            { "lockout_minutes", applyLockoutMinutes },
            { "key_dir", applyKeyDirectory },
            { "pii_lookups_per_hour", applyPiiLookups },
            { "audit_anchor_minutes", applyAuditAnchorMinutes },
            { "log_level", applyLogLevel },
    } };
    return keys;
}

bool readable(const QString &path, const QString &origin, QString *error)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return true;
    *error = ServerConfig::tr("%1: cannot read %2: %3").arg(origin, path, file.errorString());
    return false;
}

} // namespace

QStringList ServerConfig::keys()
{
    QStringList names;
    for (const Key &key : table())
        names << QString::fromLatin1(key.name);
    return names;
}

QString ServerConfig::implicitPath(bool *required)
{
    if (qEnvironmentVariableIsSet(pathVariable)) {
        const QString path = qEnvironmentVariable(pathVariable);
        *required = !path.isEmpty();
        return path;
    }
    *required = false;
    const QString path = QString::fromLatin1(defaultPath);
    return QFile::exists(path) ? path : QString();
}

bool ServerConfig::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = tr("Cannot read the config file %1: %2").arg(path, file.errorString());
        return false;
    }
    m_path = path;
    return parse(QString::fromUtf8(file.readAll()), path, error);
}

bool ServerConfig::parse(const QString &text, const QString &origin, QString *error)
{
    // A key is a plain word; anything else is not echoed back, as a URL pasted without
    // "database =" would print its password.
    const auto isWord = [](const QString &key) {
        return !key.isEmpty() && std::all_of(key.cbegin(), key.cend(), [](QChar c) {
            return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-');
        });
    };
    QHash<QString, int> seenOn;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))
            || line.startsWith(QLatin1Char(';')))
            continue;
        const int equals = int(line.indexOf(QLatin1Char('=')));
        const QString key = equals < 0 ? QString() : line.left(equals).trimmed();
        if (!isWord(key)) {
            *error = tr("%1:%2: expected a line of the form key = value")
                             .arg(origin)
                             .arg(lineNumber);
            return false;
        }
        if (!keys().contains(key)) {
            *error = tr("%1:%2: unknown key \"%3\"; the keys are: %4")
                             .arg(origin)
                             .arg(lineNumber)
                             .arg(key, keys().join(QStringLiteral(", ")));
            return false;
        }
        if (seenOn.contains(key)) {
            *error = tr("%1:%2: %3 is set twice (first on line %4)")
                             .arg(origin)
                             .arg(lineNumber)
                             .arg(key)
                             .arg(seenOn.value(key));
            return false;
        }
        seenOn.insert(key, lineNumber);
        const QString value = line.mid(equals + 1).trimmed();
        // An empty value leaves the built-in default, as a commented-out line would.
        if (!value.isEmpty())
            m_entries.insert(
                    key,
                    Entry{ value,
                           QStringLiteral("%1:%2: %3").arg(origin).arg(lineNumber).arg(key) });
    }
    return true;
}

void ServerConfig::override(const QString &key, const QString &value, const QString &option)
{
    m_overrides.insert(key, Entry{ value, option });
}

bool ServerConfig::resolve(ServerSettings *settings, QString *error) const
{
    // The file's values are checked even where the command line replaces them: a bad file
    // is found now, not on the day the option is dropped.
    for (const QHash<QString, Entry> *source : { &m_entries, &m_overrides }) {
        for (const Key &key : table()) {
            const QString name = QString::fromLatin1(key.name);
            const auto entry = source->constFind(name);
            if (entry == source->constEnd())
                continue;
            QString why;
            if (!key.apply(entry->value, settings, &why)) {
                *error = tr("%1: %2").arg(entry->origin, why);
                return false;
            }
            if (name == QLatin1String("tls_cert"))
                settings->certificateOrigin = entry->origin;
            if (name == QLatin1String("tls_key"))
                settings->privateKeyOrigin = entry->origin;
        }
    }
    return true;
}

bool ServerConfig::checkTlsFiles(const ServerSettings &settings, QString *error)
{
    const QString &cert = settings.http.certificateFile;
    const QString &key = settings.http.privateKeyFile;
    if (cert.isEmpty() && key.isEmpty())
        return true;
    if (cert.isEmpty() || key.isEmpty()) {
        *error = tr("%1: a TLS certificate and its key come together; set both tls_cert and "
                    "tls_key (or --tls-cert and --tls-key), or neither")
                         .arg(cert.isEmpty() ? settings.privateKeyOrigin
                                             : settings.certificateOrigin);
        return false;
    }
    return readable(cert, settings.certificateOrigin, error)
            && readable(key, settings.privateKeyOrigin, error);
}

} // namespace branchline::server
