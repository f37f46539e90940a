// SPDX-License-Identifier: GPL-3.0-or-later
// A request body as the server reads it (HttpRequest::jsonObject), then every decoder of the
// sync protocol on it: the server's (PullRequest, PushRequest) and the client's (PullPage,
// PushResponse), and the pieces they are made of. None may crash; a refusal always carries a
// reason; what one decodes encodes and decodes again to the same message; and
// decodeValue(encodeValue(v)) gives v back for every value (the conflict journal keeps values
// that way).
//
// The server's cursor parsing is private to SyncService; fuzz_http reaches it through
// /api/v1/sync/pull.
#include "FuzzCheck.h"
#include "http/HttpTypes.h"
#include "protocol/SyncProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace branchline;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Decodes `object` as T; if that works, T's own encoding must decode to the same encoding.
template<typename T>
void roundTrip(const char *name, const QJsonObject &object)
{
    QString problem;
    const std::optional<T> decoded = T::fromJson(object, &problem);
    if (!decoded) {
        FUZZ_CHECK(!problem.isEmpty(), "%s refused without a reason", name);
        return;
    }
    const QJsonObject encoded = decoded->toJson();
    QString again;
    const std::optional<T> redecoded = T::fromJson(encoded, &again);
    FUZZ_CHECK(redecoded, "%s: its own encoding %s is refused: %s", name,
               compact(encoded).constData(), qPrintable(again));
    FUZZ_CHECK(redecoded->toJson() == encoded, "%s: %s encodes as %s", name,
               compact(encoded).constData(), compact(redecoded->toJson()).constData());
}

void checkValue(const QJsonValue &value, int depth)
{
    const QString text = sync::encodeValue(value);
    const QJsonValue back = sync::decodeValue(text);
    // An undefined value has no JSON text; it is written as null.
    FUZZ_CHECK(back == value || (value.isUndefined() && back.isNull()),
               "encodeValue/decodeValue changed a value: %s", qPrintable(text));
    if (depth > 3)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            checkValue(it.value(), depth + 1);
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            checkValue(element, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    server::HttpRequest request;
    request.body = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    // Whatever text a client stored in the journal comes back through decodeValue too.
    (void)sync::decodeValue(QString::fromUtf8(request.body));

    QJsonObject body;
    QString problem;
    if (!request.jsonObject(&body, &problem)) {
        FUZZ_CHECK(!problem.isEmpty(), "a body refused without a reason");
        return 0;
    }
    QString versionProblem;
    if (!sync::versionsSupported(body, &versionProblem))
        FUZZ_CHECK(!versionProblem.isEmpty(), "versions refused without a reason");

    roundTrip<sync::PullRequest>("PullRequest", body);
    roundTrip<sync::PushRequest>("PushRequest", body);
    roundTrip<sync::PullPage>("PullPage", body);
    roundTrip<sync::PushResponse>("PushResponse", body);
    roundTrip<sync::Change>("Change", body);
    roundTrip<sync::Mutation>("Mutation", body);
    roundTrip<sync::MutationResult>("MutationResult", body);
    // The pieces a message is made of, wherever they sit in this one.
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.value().isObject()) {
            sync::FieldVersions versions;
            (void)sync::versionsFromJson(it.value(), &versions);
        }
        for (const QJsonValue &element : it.value().toArray()) {
            if (element.isObject()) {
                roundTrip<sync::Change>("Change", element.toObject());
                roundTrip<sync::Mutation>("Mutation", element.toObject());
                roundTrip<sync::MutationResult>("MutationResult", element.toObject());
            }
        }
    }
    checkValue(body, 0);
    return 0;
}
