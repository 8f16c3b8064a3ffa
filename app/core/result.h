// Errors are values: every fallible library call returns kiosk::Result<T, E>.
//
// The interface is the subset of C++23 std::expected the project uses, so the
// code can switch to std::expected once every compiler we build with (g++ for
// the kiosk, clang for the fuzzers) ships it; clang 14 with libstdc++ 12 does not.
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace kiosk {

template <typename E>
struct Unexpected {
    E error;
};

// `return fail(error);` from any function returning Result<T, E>.
template <typename E>
[[nodiscard]] Unexpected<std::decay_t<E>> fail(E&& error) {
    return {std::forward<E>(error)};
}

template <typename T, typename E>
class [[nodiscard]] Result {
public:
    Result(const T& value) : m_data(std::in_place_index<0>, value) {}
    Result(T&& value) : m_data(std::in_place_index<0>, std::move(value)) {}
    template <typename G>
    Result(Unexpected<G> u) : m_data(std::in_place_index<1>, std::move(u.error)) {}

    bool has_value() const { return m_data.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { return checked(); }
    const T& value() const& { return const_cast<Result*>(this)->checked(); }
    T&& value() && { return std::move(checked()); }
    T& operator*() & { return checked(); }
    const T& operator*() const& { return const_cast<Result*>(this)->checked(); }
    T&& operator*() && { return std::move(checked()); }
    T* operator->() { return &checked(); }
    const T* operator->() const { return &const_cast<Result*>(this)->checked(); }

    E& error() & { return std::get<1>(m_data); }
    const E& error() const& { return std::get<1>(m_data); }

    template <typename U>
    T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(m_data) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    T& checked() {
        assert(has_value() && "Result accessed without a value");
        return std::get<0>(m_data);
    }
    std::variant<T, E> m_data;
};

template <typename E>
class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    template <typename G>
    Result(Unexpected<G> u) : m_error(std::in_place, std::move(u.error)), m_ok(false) {}

    bool has_value() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    E& error() & { return m_error.value(); }
    const E& error() const& { return m_error.value(); }

private:
    std::optional<E> m_error;
    bool m_ok = true;
};

}  // namespace kiosk
