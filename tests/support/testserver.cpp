#include "testserver.h"

#include "storage/movierepository.h"

#include <QDir>

namespace MarqueeTest {

TestServer::TestServer()
{
    m_config.listenAddress = QHostAddress::LocalHost;
    m_config.httpPort = 0;
    m_config.webSocketPort = 0;
    m_config.databasePath = QDir(m_folder.path()).filePath(QStringLiteral("marquee.sqlite"));
    m_config.expiryCheckInterval = 100;
    m_config.changePollInterval = 100;
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    stop();
    m_server = std::make_unique<Marquee::Server>();
    return m_server->start(m_config);
}

void TestServer::stop()
{
    // A later start() keeps the ports, so URLs handed out before it stay valid.
    if (m_server) {
        m_config.httpPort = m_server->httpPort();
        m_config.webSocketPort = m_server->webSocketPort();
    }
    m_server.reset();
}

QUrl TestServer::url(const QString &encodedPath) const
{
    QUrl base = m_server->urls().publicUrl();
    return QUrl::fromEncoded(base.toEncoded() + encodedPath.toUtf8(), QUrl::StrictMode);
}

} // namespace MarqueeTest
