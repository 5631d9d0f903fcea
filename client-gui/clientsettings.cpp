#include "clientsettings.h"

#include <QSettings>

namespace Marquee {

namespace {

const QString ServerUrlKey = QStringLiteral("connection/serverUrl");
const QString UserIdKey = QStringLiteral("connection/userId");
const QString BearerTokenKey = QStringLiteral("connection/bearerToken");
const QString BoxIdKey = QStringLiteral("connection/boxId");
const QString ChannelTypeKey = QStringLiteral("connection/channelType");

} // namespace

ClientSettings ClientSettings::load(QSettings &settings)
{
    ClientSettings loaded;

    const QUrl serverUrl(settings.value(ServerUrlKey).toString(), QUrl::StrictMode);
    if (serverUrl.isValid() && !serverUrl.host().isEmpty())
        loaded.serverUrl = serverUrl;
    loaded.userId = settings.value(UserIdKey, loaded.userId).toString();
    loaded.bearerToken = settings.value(BearerTokenKey).toString();
    loaded.boxId = settings.value(BoxIdKey, loaded.boxId).toString();
    if (const auto type = channelTypeFromName(settings.value(ChannelTypeKey).toString()))
        loaded.channelType = *type;
    return loaded;
}

void ClientSettings::save(QSettings &settings) const
{
    settings.setValue(ServerUrlKey, serverUrl.toString());
    settings.setValue(UserIdKey, userId);
    settings.setValue(BearerTokenKey, bearerToken);
    settings.setValue(BoxIdKey, boxId);
    settings.setValue(ChannelTypeKey, channelTypeName(channelType));
}

QString ClientSettings::channelTypeName(ChannelConnection::ChannelType type)
{
    return type == ChannelConnection::ChannelType::WebSockets ? QStringLiteral("WebSockets")
                                                              : QStringLiteral("LongPolling");
}

std::optional<ChannelConnection::ChannelType> ClientSettings::channelTypeFromName(const QString &name)
{
    if (name.compare(QLatin1String("WebSockets"), Qt::CaseInsensitive) == 0)
        return ChannelConnection::ChannelType::WebSockets;
    if (name.compare(QLatin1String("LongPolling"), Qt::CaseInsensitive) == 0)
        return ChannelConnection::ChannelType::LongPolling;
    return std::nullopt;
}

} // namespace Marquee
