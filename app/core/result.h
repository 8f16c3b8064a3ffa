// Errors are values: every fallible library call returns kiosk::Result<T, E>.
#pragma once

#include <expected>

namespace kiosk {

template <typename T, typename E>
using Result = std::expected<T, E>;

template <typename E>
[[nodiscard]] constexpr std::unexpected<E> fail(E error) {
    return std::unexpected<E>(std::move(error));
}

}  // namespace kiosk
