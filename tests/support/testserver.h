#pragma once

#include "server.h"

#include <QTemporaryDir>

#include <memory>

namespace MarqueeTest {

// A Server on ephemeral loopback ports with its SQLite file in a temporary folder and the
// demo box seeded from the embedded catalogue.
class TestServer
{
public:
    TestServer();
    ~TestServer();

    // Starts the server, or restarts it on the same database file and ports. Returns false
    // on failure.
    bool start();
    void stop();

    Marquee::Server *server() const { return m_server.get(); }
    Marquee::ServerConfig &config() { return m_config; }
    QUrl url(const QString &encodedPath) const;

private:
    QTemporaryDir m_folder;
    Marquee::ServerConfig m_config;
    std::unique_ptr<Marquee::Server> m_server;
};

// A movie in the seed of TestServer's demo box.
inline constexpr auto SeededMovieId = "the-grudge-2020";

} // namespace MarqueeTest
