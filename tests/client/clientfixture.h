#pragma once

#include "clientsettings.h"
#include "testclient.h"
#include "testserver.h"

#include <QDate>
#include <QString>

namespace MarqueeTest {

// Maximum wait for the client to reach a state or show a change, in milliseconds.
inline constexpr int ClientTimeoutMs = 15000;

// Connection settings for the demo box of server, with the given channel type.
Marquee::ClientSettings clientSettingsFor(
        const TestServer &server,
        Marquee::ChannelConnection::ChannelType type = Marquee::ChannelConnection::ChannelType::WebSockets);

// Moves the premiere of movieId on server, as another client would; returns the status.
int patchPremiere(TestClient &client, const TestServer &server, const QString &movieId,
                  QDate premiereDate);

// The premiere date the server holds for movieId, as it writes it.
QString serverPremiere(TestClient &client, const TestServer &server, const QString &movieId);

// Keeps the client's QSettings out of the user's own configuration.
void isolateSettings();

} // namespace MarqueeTest
