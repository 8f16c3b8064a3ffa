// Errors of the backend clients as values.
#pragma once

#include <QString>

namespace kiosk::backend {

struct BackendError {
    enum class Code {
        Config,  // portal URL, CA, client certificate or key missing or unreadable
    };
    Code code = Code::Config;
    QString message;
};

}  // namespace kiosk::backend
