#pragma once

#include "mfa/delivery/MessageSender.h"

#include <memory>
#include <optional>

namespace auth {
class Config;
}

namespace auth::mfa::delivery {

// The sender the configuration selects for `channel` (mfa.sms_provider,
// mfa.email_provider): nullptr with an empty `error` when the provider is "none",
// nullptr with `error` when the settings are incomplete or the CA file unreadable.
// The sender has no parent; move it to the thread that will run it.
std::unique_ptr<MessageSender> createSender(const Config& config, Channel channel, QString* error);

// The timeout and extra CA certificates from mfa.delivery_timeout / mfa.delivery_ca_file.
std::optional<SenderSettings> senderSettings(const Config& config, QString* error);

} // namespace auth::mfa::delivery
