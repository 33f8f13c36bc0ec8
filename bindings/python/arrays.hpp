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

/// Names as a Python list of str, made at its full length and filled in place (a column of a
/// hundred thousand names is built in one allocation of the list, not by appending).
inline pybind11::list to_list(const std::vector<std::string>& names) {
  pybind11::list out(static_cast<pybind11::ssize_t>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    PyObject* text = PyUnicode_FromStringAndSize(names[i].data(), static_cast<Py_ssize_t>(names[i].size()));
    if (text == nullptr) throw pybind11::error_already_set();
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), text);  // steals the reference
  }
  return out;
}

/// Texts as a numpy array of str objects (a DataFrame's object column, taken without a copy). A text
/// equal to the one before it shares its object: a column of a payer's name, a status or a list of
/// what a 271 does not state repeats row after row, and one object a run is far cheaper than one a row.
inline pybind11::array to_object_array(const std::vector<std::string>& texts) {
  pybind11::array out(pybind11::dtype("O"), pybind11::array::ShapeContainer{static_cast<pybind11::ssize_t>(texts.size())},
                      pybind11::array::StridesContainer{});
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  PyObject* previous = nullptr;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    PyObject* text = nullptr;
    if (previous != nullptr && texts[i] == texts[i - 1]) {
      Py_INCREF(previous);
      text = previous;
    } else {
      text = PyUnicode_FromStringAndSize(texts[i].data(), static_cast<Py_ssize_t>(texts[i].size()));
      if (text == nullptr) throw pybind11::error_already_set();
    }
    Py_XDECREF(slots[i]);  // numpy fills a new object array with None
    slots[i] = text;
    previous = text;
  }
  return out;
}

}  // namespace iop::python
