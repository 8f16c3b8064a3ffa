// A circuit breaker per backend: after `failureThreshold` consecutive
// retryable failures it opens and calls fail fast (CircuitOpen) for
// `openMs`; then one trial call is let through (half-open): success closes
// it, failure opens it again. Saves a citizen from waiting through every
// timeout of a backend that is known to be down. Time comes from a clock
// function so tests need not sleep.
#pragma once

#include <QtGlobal>
#include <functional>

namespace kiosk::backend {

class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };
    struct Options {
        int failureThreshold = 5;
        qint64 openMs = 30000;
    };
    explicit CircuitBreaker(Options options, std::function<qint64()> clock = {});

    // True when a call may go out now (moves Open -> HalfOpen when the time is up).
    bool allow();
    void recordSuccess();
    void recordFailure();
    State state() const { return m_state; }
    qint64 retryAtMs() const { return m_openedAt + m_options.openMs; }

private:
    qint64 now() const;
    Options m_options;
    std::function<qint64()> m_clock;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openedAt = 0;
};

}  // namespace kiosk::backend
