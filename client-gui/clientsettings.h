#pragma once

#include "channelconnection.h"

#include <QString>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace Marquee {

// The connection panel's values, stored between runs with QSettings. The bearer token is
// stored there as the person typed it, and no code writes it to a log.
struct ClientSettings
{
    QUrl serverUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QString userId = QStringLiteral("tel:+19585550100");
    QString bearerToken;
    QString boxId = QStringLiteral("premieres");
    ChannelConnection::ChannelType channelType = ChannelConnection::ChannelType::WebSockets;

    // Reads the stored values; anything missing or invalid keeps its default.
    static ClientSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    static QString channelTypeName(ChannelConnection::ChannelType type);
    static std::optional<ChannelConnection::ChannelType> channelTypeFromName(const QString &name);
};

} // namespace Marquee
