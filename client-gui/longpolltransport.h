#pragma once

#include "channeltransport.h"

#include <QPointer>

namespace Marquee {

class ApiClient;
class ApiReply;

// A loop of long polls on a LongPolling channel's channelURL: each poll waits at the
// server until notifications arrive or the server's hold time ends, and the next poll
// starts as soon as one returns. Every poll restarts the channel lifetime.
class LongPollTransport : public ChannelTransport
{
    Q_OBJECT

public:
    // Maximum duration of one poll, in milliseconds. It is well above the server's hold
    // time (30 s by default), so that only a dead connection trips it.
    static constexpr int PollTimeoutMs = 120000;

    explicit LongPollTransport(ApiClient *api, QObject *parent = nullptr);
    ~LongPollTransport() override;

    void open(const QUrl &channelURL) override;
    void close() override;
    void sendConnCheck() override {}

private:
    void poll();
    void onPollFinished();

    ApiClient *m_api;
    QUrl m_channelURL;
    QPointer<ApiReply> m_poll;
    bool m_open = false;
};

} // namespace Marquee
