// SPDX-License-Identifier: GPL-3.0-or-later
#include "Router.h"

#include "core/PiiVault.h"

#include <QLoggingCategory>

#include <exception>

Q_LOGGING_CATEGORY(lcRouter, "branchline.server.http")

namespace branchline::server {

namespace {
QStringList segmentsOf(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
} // namespace

void Router::add(const QByteArray &method, const QString &pattern, const QString &summary,
                 Handler handler, const QJsonObject &openApi)
{
    m_entries.append(Entry{ Route{ method, pattern, summary, openApi }, segmentsOf(pattern),
                            std::move(handler) });
}

void Router::addQuick(const QByteArray &method, const QString &pattern, const QString &summary,
                      Handler handler)
{
    add(method, pattern, summary, std::move(handler));
    m_entries.last().quick = true;
}

bool Router::isQuick(const HttpRequest &request) const
{
    const QStringList path = segmentsOf(request.path);
    for (const Entry &entry : m_entries) {
        PathParameters ignored;
        if (entry.route.method == request.method && match(entry.segments, path, &ignored))
            return entry.quick;
    }
    return false;
}

QList<Router::Route> Router::routes() const
{
    QList<Route> result;
    for (const Entry &entry : m_entries)
        result << entry.route;
    return result;
}

bool Router::match(const QStringList &pattern, const QStringList &path, PathParameters *parameters)
{
    if (pattern.size() != path.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &part = pattern.at(i);
        if (part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}')))
            parameters->insert(part.mid(1, part.size() - 2), path.at(i));
        else if (part != path.at(i))
            return false;
    }
    return true;
}

HttpResponse Router::dispatch(const HttpRequest &request) const
{
    const QStringList path = segmentsOf(request.path);
    QByteArrayList allowed;
    for (const Entry &entry : m_entries) {
        PathParameters parameters;
        if (!match(entry.segments, path, &parameters))
            continue;
        if (entry.route.method != request.method) {
            allowed << entry.route.method;
            continue;
        }
        try {
            return entry.handler(request, parameters);
        } catch (const PiiUnreadable &unreadable) {
            // Said plainly, to the log with the record and the key, to the caller without.
            qCCritical(lcRouter) << "handler for" << entry.route.pattern
                                 << "met stored personal data it cannot decrypt:"
                                 << unreadable.what();
            return HttpResponse::error(
                    500, QStringLiteral("pii_unreadable"),
                    tr("Personal data stored on the server cannot be decrypted with the "
                       "server's keys. An administrator must restore the key folder; the "
                       "server log names the record and the key."));
        } catch (const std::exception &exception) {
            qCCritical(lcRouter) << "handler for" << entry.route.pattern
                                 << "failed:" << exception.what();
        } catch (...) {
            qCCritical(lcRouter) << "handler for" << entry.route.pattern << "failed";
        }
        return HttpResponse::error(500, QStringLiteral("internal_error"),
                                   tr("The server could not complete the request. It has been "
                                      "logged; try again later."));
    }
    if (!allowed.isEmpty()) {
        HttpResponse response =
                HttpResponse::error(405, QStringLiteral("method_not_allowed"),
                                    tr("%1 is not allowed here; use %2.")
                                            .arg(QString::fromLatin1(request.method),
                                                 QString::fromLatin1(allowed.join(", "))));
        response.headers.append(qMakePair(QByteArray("Allow"), allowed.join(", ")));
        return response;
    }
    return HttpResponse::error(404, QStringLiteral("not_found"),
                               tr("There is nothing at %1.").arg(request.path));
}

} // namespace branchline::server
