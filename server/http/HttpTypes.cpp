// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonParseError>

namespace branchline::server {

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header("authorization").trimmed();
    if (!value.toLower().startsWith("bearer "))
        return QString();
    return QString::fromLatin1(value.mid(7).trimmed());
}

bool HttpRequest::jsonObject(QJsonObject *object, QString *problem) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = QCoreApplication::translate("HttpRequest",
                                               "The request body is not valid JSON: %1 at "
                                               "byte %2.")
                           .arg(parseError.errorString())
                           .arg(parseError.offset);
        return false;
    }
    if (!document.isObject()) {
        *problem = QCoreApplication::translate("HttpRequest",
                                               "The request body must be a JSON object.");
        return false;
    }
    *object = document.object();
    return true;
}

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    HttpResponse response;
    response.status = status;
    response.body = document.toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return json(status, QJsonDocument(object));
}

HttpResponse HttpResponse::error(int status, const QString &code, const QString &message)
{
    return json(status,
                QJsonObject{ { QStringLiteral("code"), code },
                             { QStringLiteral("message"), message } });
}

HttpResponse HttpResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.contentType = contentType;
    response.body = body;
    return response;
}

} // namespace branchline::server
