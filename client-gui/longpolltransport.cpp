#include "longpolltransport.h"

#include "apiclient.h"
#include "clientlogging.h"
#include "jsonvalues.h"

#include <QJsonArray>

namespace Marquee {

LongPollTransport::LongPollTransport(ApiClient *api, QObject *parent)
    : ChannelTransport(parent), m_api(api)
{
}

LongPollTransport::~LongPollTransport()
{
    close();
}

void LongPollTransport::open(const QUrl &channelURL)
{
    close();
    m_channelURL = channelURL;
    m_open = false;
    poll();
}

void LongPollTransport::close()
{
    if (m_poll)
        m_poll->abort();
    m_poll.clear();
    m_open = false;
}

void LongPollTransport::poll()
{
    m_poll = m_api->post(m_channelURL,
                         QJsonObject{{QStringLiteral("longPollingRequestParameters"), QJsonObject()}},
                         PollTimeoutMs);
    connect(m_poll, &ApiReply::finished, this, &LongPollTransport::onPollFinished);

    // A poll that the server accepts is as good as an open socket, so the transport
    // reports itself open at once, and an error on this poll closes it again.
    if (!m_open) {
        m_open = true;
        QMetaObject::invokeMethod(this, [this] {
            if (m_open)
                Q_EMIT opened();
        }, Qt::QueuedConnection);
    }
}

void LongPollTransport::onPollFinished()
{
    ApiReply *reply = m_poll;
    m_poll.clear();

    if (reply->hasError()) {
        const ApiError &error = reply->error();
        m_open = false;
        qCInfo(lcClientChannel) << "Long poll failed:" << error.message;
        Q_EMIT closed(error.message, error.httpStatus == 404);
        return;
    }

    Q_EMIT lifetimeRestarted();
    const QJsonArray list = JsonValues::list(reply->document().value(QStringLiteral("notificationList")));
    if (!list.isEmpty())
        Q_EMIT notificationsReceived(list);

    // A slot of notificationsReceived may have closed the transport.
    if (m_open)
        poll();
}

} // namespace Marquee
