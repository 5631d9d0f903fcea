#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

QT_BEGIN_NAMESPACE
class QNetworkReply;
QT_END_NAMESPACE

namespace Marquee {

// One REST call in flight. finished() is emitted once, unless abort() ends the call
// first. The reply then deletes itself with deleteLater(), so read the results in a slot
// connected to finished().
class ApiReply : public QObject
{
    Q_OBJECT

public:
    explicit ApiReply(QNetworkReply *reply, QObject *parent = nullptr);
    ~ApiReply() override;

    bool hasError() const { return m_error.has_value(); }
    // Valid when hasError() is true.
    const ApiError &error() const { return *m_error; }

    // 0 when no HTTP response arrived.
    int httpStatus() const { return m_httpStatus; }
    // The JSON object of the response body, empty for 204 and for errors.
    QJsonObject document() const { return m_document; }

    // Ends the call without emitting finished().
    void abort();

Q_SIGNALS:
    void finished();

private:
    void onNetworkReplyFinished();

    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
    int m_httpStatus = 0;
    QJsonObject m_document;
    std::optional<ApiError> m_error;
};

} // namespace Marquee
