#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "marquee.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "marquee.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebSocket, "marquee.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChannels, "marquee.channels", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNms, "marquee.nms", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMovies, "marquee.movies", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDatabase, "marquee.db", QtInfoMsg)
