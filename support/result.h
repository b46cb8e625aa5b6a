// support/result.h — a value or the error that prevented it.
//
// Every fallible function in chartmirror returns `Result<T, E>`, where E is the error type of
// the module that failed (registry::Error, charts::Error, ...). Results must be looked at
// ([[nodiscard]]); reading the value of a failed result is a programming error and aborts,
// because continuing with a default value would be a silent fallback.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

namespace chartmirror {

// Marks a Result that carries no value, only success or an error.
struct Done {};

template <typename T, typename E>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose: `return value;` and `return error;` read naturally at call sites.
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // Anything that makes a T and not an E, so `return std::nullopt;` works for optional T.
  // The constraint excludes Result and T, so copies and moves never land here.
  // NOLINTBEGIN(bugprone-forwarding-reference-overload)
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_constructible_v<E, U&&> &&
           !std::is_same_v<std::remove_cvref_t<U>, Result> &&
           !std::is_same_v<std::remove_cvref_t<U>, T>) Result(U&& value)
      : state_(std::in_place_index<0>, std::forward<U>(value)) {}
  // NOLINTEND(bugprone-forwarding-reference-overload)

  [[nodiscard]] bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  [[nodiscard]] T& value() & { return std::get<0>(checked(true)); }
  [[nodiscard]] const T& value() const& { return std::get<0>(checked(true)); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(checked(true))); }
  [[nodiscard]] const E& error() const { return std::get<1>(checked(false)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  using State = std::variant<T, E>;

  State& checked(bool want_value) {
    return const_cast<State&>(std::as_const(*this).checked(want_value));
  }
  const State& checked(bool want_value) const {
    if (ok() != want_value) {
      std::fputs(want_value ? "chartmirror: value() of a failed Result\n"
                            : "chartmirror: error() of a successful Result\n",
                 stderr);
      std::abort();
    }
    return state_;
  }

  State state_;
};

template <typename E>
using Status = Result<Done, E>;

}  // namespace chartmirror
