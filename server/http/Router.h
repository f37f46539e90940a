// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace branchline::server {

using PathParameters = QHash<QString, QString>;
using Handler = std::function<HttpResponse(const HttpRequest &, const PathParameters &)>;

// Maps "METHOD /path/{parameter}" to handlers. An unknown path is a 404, a known path with
// the wrong method a 405 with an Allow header, and a handler that throws a 500 that names
// no internals: whatever a client sends, it gets a JSON answer and the process lives on.
class Router
{
    Q_DECLARE_TR_FUNCTIONS(Router)

public:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QString summary; // for the OpenAPI document
        // OpenAPI operation fields that replace the generated ones (description, parameters,
        // responses, ...), for a route the generic "200 OK or an error" does not describe.
        QJsonObject openApi;
    };

    void add(const QByteArray &method, const QString &pattern, const QString &summary,
             Handler handler, const QJsonObject &openApi = {});
    // A route whose handler answers at once: it never waits on a password hash, a lock or a
    // long query. HttpServer runs these apart from the other handlers, so they answer even
    // while every request thread is busy (a load balancer's /healthz must).
    void addQuick(const QByteArray &method, const QString &pattern, const QString &summary,
                  Handler handler);
    HttpResponse dispatch(const HttpRequest &request) const;
    // Whether `request` goes to a route added with addQuick().
    bool isQuick(const HttpRequest &request) const;
    QList<Route> routes() const;

private:
    struct Entry
    {
        Route route;
        QStringList segments;
        Handler handler;
        bool quick = false;
    };
    static bool match(const QStringList &pattern, const QStringList &path,
                      PathParameters *parameters);

    QList<Entry> m_entries;
};

} // namespace branchline::server
