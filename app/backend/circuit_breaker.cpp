#include "circuit_breaker.h"

#include <QDateTime>

namespace kiosk::backend {

CircuitBreaker::CircuitBreaker(Options options, std::function<qint64()> clock)
    : m_options(options), m_clock(std::move(clock)) {}

qint64 CircuitBreaker::now() const {
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool CircuitBreaker::allow() {
    if (m_state == State::Open && now() >= retryAtMs()) {
        m_state = State::HalfOpen;
        return true;
    }
    return m_state == State::Closed;  // half-open: only the one trial already let through
}

void CircuitBreaker::recordSuccess() {
    m_state = State::Closed;
    m_failures = 0;
}

void CircuitBreaker::recordFailure() {
    ++m_failures;
    if (m_state == State::HalfOpen || m_failures >= m_options.failureThreshold) {
        m_state = State::Open;
        m_openedAt = now();
    }
}

}  // namespace kiosk::backend
