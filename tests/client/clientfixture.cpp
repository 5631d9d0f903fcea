#include "clientfixture.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStandardPaths>

namespace MarqueeTest {

Marquee::ClientSettings clientSettingsFor(const TestServer &server,
                                          Marquee::ChannelConnection::ChannelType type)
{
    Marquee::ClientSettings settings;
    settings.serverUrl = server.url(QString());
    settings.userId = QStringLiteral("tel:+19585550100");
    settings.boxId = QStringLiteral("premieres");
    settings.channelType = type;
    return settings;
}

int patchPremiere(TestClient &client, const TestServer &server, const QString &movieId,
                  QDate premiereDate)
{
    const QJsonObject patch{{QStringLiteral("premiereDate"), premiereDate.toString(Qt::ISODate)}};
    return client
            .send("PATCH", server.url(QStringLiteral("/movies/v1/premieres/movies/") + movieId),
                  QJsonDocument(patch).toJson(QJsonDocument::Compact))
            .status;
}

QString serverPremiere(TestClient &client, const TestServer &server, const QString &movieId)
{
    const TestReply reply =
            client.get(server.url(QStringLiteral("/movies/v1/premieres/movies/") + movieId));
    return reply.json.value(QStringLiteral("movie")).toObject().value(QStringLiteral("premiereDate")).toString();
}

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MarqueeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("marquee-client-test"));
}

} // namespace MarqueeTest
