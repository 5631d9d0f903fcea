#pragma once

#include "requesterror.h"

#include <optional>
#include <utility>

namespace Marquee {

// The outcome of an operation that either produces a value or fails with an OMA
// requestError. A default-constructed Result<void> means success.
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(RequestError error) : m_error(std::move(error)) {}

    bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

    // Valid only when hasValue() is false.
    const RequestError &error() const { return *m_error; }

private:
    std::optional<T> m_value;
    std::optional<RequestError> m_error;
};

template <>
class Result<void>
{
public:
    Result() = default;
    Result(RequestError error) : m_error(std::move(error)) {}

    bool hasValue() const { return !m_error.has_value(); }
    explicit operator bool() const { return hasValue(); }
    const RequestError &error() const { return *m_error; }

private:
    std::optional<RequestError> m_error;
};

} // namespace Marquee
