#pragma once
// numpy in and out of the batch kernels: columns arrive as exact int64 arrays
// (the Python layer converts and checks every value before they get here) and
// leave as arrays that own the kernel's vectors, without a copy.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace iop::python {

/// A C-contiguous array of exactly T (bind with .noconvert(), so nothing is cast on the way in).
template <class T>
using Array = pybind11::array_t<T, pybind11::array::c_style>;

/// The elements of a 1-D array.
template <class T>
std::span<const T> span_of(const Array<T>& a) {
  return std::span<const T>(a.data(), static_cast<std::size_t>(a.size()));
}

/// The elements of a 1-D array the caller writes (an array it has just made, not yet shared).
template <class T>
std::span<T> mutable_span_of(Array<T>& a) {
  return std::span<T>(a.mutable_data(), static_cast<std::size_t>(a.size()));
}

/// A vector as a numpy array that owns it.
template <class T>
pybind11::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* heap = new std::vector<T>(std::move(values));
  pybind11::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pybind11::array_t<T>({static_cast<pybind11::ssize_t>(heap->size())},
                              {static_cast<pybind11::ssize_t>(sizeof(T))}, heap->data(), owner);
}

/// Names as a Python list of str.
inline pybind11::list to_list(const std::vector<std::string>& names) {
  pybind11::list out;
  for (const auto& n : names) out.append(pybind11::str(n));
  return out;
}

}  // namespace iop::python
