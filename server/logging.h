#pragma once

#include <QLoggingCategory>

// One category per component. Enable debug output with, for example,
// QT_LOGGING_RULES="marquee.ws.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcWebSocket)
Q_DECLARE_LOGGING_CATEGORY(lcChannels)
Q_DECLARE_LOGGING_CATEGORY(lcNms)
Q_DECLARE_LOGGING_CATEGORY(lcMovies)
Q_DECLARE_LOGGING_CATEGORY(lcDatabase)
