// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace branchline::server {

// A request as handlers see it: no Boost.Beast type leaks past HttpServer.cpp, so only
// that one file pays for Beast's templates.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QString remoteAddress;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    // The token of an "Authorization: Bearer <token>" header, or empty.
    QString bearerToken() const;
    // Parses a JSON object body; false (and a translated reason) if it is not one.
    bool jsonObject(QJsonObject *object, QString *problem) const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonDocument &document);
    static HttpResponse json(int status, const QJsonObject &object);
    // The one error shape of the API: {"code": "...", "message": "..."}.
    static HttpResponse error(int status, const QString &code, const QString &message);
    static HttpResponse text(int status, const QByteArray &contentType, const QByteArray &body);
};

} // namespace branchline::server
