// iop._core: the compiled part of the iop Python package.

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "register.hpp"

#include "iop/version.hpp"

namespace py = pybind11;

namespace iop::python {
namespace {

// Brackets and quotes seen so far while scanning a signature.
struct Nesting {
  int depth = 0;
  char quote = 0;
  void feed(char c) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}' || c == '>') {
      --depth;
    }
  }
  [[nodiscard]] bool top_level() const { return depth == 0 && quote == 0; }
};

// Splits @p text at top-level occurrences of @p separator (outside brackets and quotes).
std::vector<std::string> split_top_level(const std::string& text, char separator) {
  std::vector<std::string> parts;
  Nesting nesting;
  std::string current;
  for (char c : text) {
    if (c == separator && nesting.top_level()) {
      parts.push_back(current);
      current.clear();
      continue;
    }
    nesting.feed(c);
    current += c;
  }
  parts.push_back(current);
  return parts;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

// A default CPython's text-signature parser can read (a literal); anything else shows as `...`.
std::string literal_default(std::string value) {
  value = trim(value);
  if (value.empty() || value.front() == '<') return "...";
  const char c = value.front();
  const bool literal = c == '\'' || c == '"' || c == '-' || (c >= '0' && c <= '9') || value == "None" ||
                       value == "True" || value == "False" || value == "[]" || value == "()" || value == "...";
  return literal ? value : "...";
}

// "name(a: int, b: str = 'x') -> T\n\nDoc" becomes "name(a, b='x')\n--\n\nDoc" (CPython's text-signature form,
// which inspect.signature reads; it allows no annotations). Overloaded functions keep their doc.
std::string with_text_signature(const std::string& name, const std::string& doc) {
  if (doc.rfind(name + "(", 0) != 0 || doc.find("Overloaded function") != std::string::npos) return {};
  Nesting nesting;
  std::size_t close = std::string::npos;
  for (std::size_t i = name.size(); i < doc.size() && close == std::string::npos; ++i) {
    nesting.feed(doc[i]);
    if (doc[i] == ')' && nesting.top_level()) close = i;
  }
  if (close == std::string::npos) return {};
  const std::string params = doc.substr(name.size() + 1, close - name.size() - 1);
  std::string signature;
  for (const auto& raw : split_top_level(params, ',')) {
    const auto param = trim(raw);
    if (param.empty()) continue;
    std::string out;
    if (param == "*" || param == "/") {
      out = param;
    } else {
      const auto equals = split_top_level(param, '=');
      const auto head = trim(equals[0]);
      out = trim(head.substr(0, head.find(':')));
      if (equals.size() > 1) out += "=" + literal_default(param.substr(equals[0].size() + 1));
    }
    signature += (signature.empty() ? "" : ", ") + out;
  }
  auto rest = doc.substr(close + 1);
  const auto body = rest.find("\n\n");
  rest = body == std::string::npos ? std::string() : rest.substr(body + 2);
  return name + "(" + signature + ")\n--\n\n" + rest;
}

void install_text_signature(py::handle function) {
  if (!function || !PyCFunction_Check(function.ptr())) return;
  auto* def = reinterpret_cast<PyCFunctionObject*>(function.ptr())->m_ml;
  if (def == nullptr || def->ml_doc == nullptr || def->ml_name == nullptr) return;
  const auto doc = with_text_signature(def->ml_name, def->ml_doc);
  if (doc.empty()) return;
  // pybind11 allocated the doc with strdup and frees it with std::free; the replacement is allocated the same way.
  char* copy = static_cast<char*>(std::malloc(doc.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, doc.c_str(), doc.size() + 1);
  std::free(const_cast<char*>(def->ml_doc));
  def->ml_doc = copy;
}

// Every function of @p scope (a module or a class) gets a text signature, so inspect.signature works on it.
void install_text_signatures(py::handle scope) {
  const py::dict members(scope.attr("__dict__"));  // a mappingproxy for a class
  const auto static_method = py::module_::import("builtins").attr("staticmethod");
  for (auto item : members) {
    py::handle value = item.second;
    if (PyInstanceMethod_Check(value.ptr())) {
      install_text_signature(PyInstanceMethod_GET_FUNCTION(value.ptr()));
    } else if (py::isinstance(value, static_method)) {
      install_text_signature(value.attr("__func__"));
    } else if (PyCFunction_Check(value.ptr())) {
      install_text_signature(value);
    } else if (PyType_Check(value.ptr()) && py::hasattr(value, "__module__") &&
               py::str(value.attr("__module__")).cast<std::string>().rfind("iop", 0) == 0 &&
               !py::isinstance(value, py::type::of(py::module_::import("enum").attr("Enum")))) {
      install_text_signatures(value);
    } else if (PyModule_Check(value.ptr())) {
      install_text_signatures(value);
    }
  }
}

}  // namespace
}  // namespace iop::python

PYBIND11_MODULE(_core, m, pybind11::mod_gil_not_used()) {
  m.doc() = "iop's compiled core; import the iop package instead.";
  m.attr("__version__") = iop::version_string;
  iop::python::register_errors(m);
  iop::python::register_core(m);
  iop::python::register_clinical(m);
  iop::python::register_plan(m);
  iop::python::register_calendar(m);
  iop::python::register_billing(m);
  iop::python::register_parity(m);
  iop::python::register_api(m);
  iop::python::register_x12(m);
  iop::python::register_episode(m);
  iop::python::install_text_signatures(m);
}
