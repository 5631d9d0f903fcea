#include "channeltransport.h"

namespace Marquee {

ChannelTransport::~ChannelTransport() = default;

} // namespace Marquee
