#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClientApi, "marquee.client.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientChannel, "marquee.client.channel", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientModels, "marquee.client.models", QtInfoMsg)
