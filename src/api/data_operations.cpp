// The `data.sources` operation: every figure of iop's data files with its
// evidence (status, citation, source, the date it was read), so a compliance
// reader can see what each answer rests on.

#include <map>
#include <string>

#include "api/data_files.hpp"
#include "declared.hpp"
#include "api/operations.hpp"
#include "core/evidence.hpp"
#include "iop/core/error.hpp"

namespace iop::api::detail {
namespace {

// A figure is any object of a data file with an `evidence` member; its values are its other scalar members.
void collect(const json& node, const std::string& pointer, const std::string& file, json& figures) {
  if (node.is_object()) {
    if (const auto e = node.find("evidence"); e != node.end()) {
      const auto evidence = iop::detail::read_evidence(JsonReader(node, file + "#" + pointer));
      json values = json::object();
      for (const auto& [key, value] : node.items())
        if (key != "evidence" && !value.is_structured()) values[key] = value;
      figures.push_back({{"pointer", pointer.empty() ? "/" : pointer},
                         {"values", std::move(values)},
                         {"status", iop::detail::to_string(evidence.status)},
                         {"citation", evidence.citation},
                         {"source", evidence.source},
                         {"read_on", to_iso_string(evidence.read_on)}});
    }
    for (const auto& [key, value] : node.items())
      if (key != "evidence") collect(value, pointer + "/" + key, file, figures);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], pointer + "/" + std::to_string(i), file, figures);
  }
}

std::string text_listing(const json& files) {
  std::string out;
  for (const auto& f : files) {
    out += f.at("file").get<std::string>() + ": " + f.at("description").get<std::string>() + "\n";
    for (const auto& g : f.at("figures")) {
      std::string values;
      for (const auto& [key, value] : g.at("values").items())
        values += (values.empty() ? "" : ", ") + key + " " + (value.is_string() ? value.get<std::string>() : value.dump());
      out += "  [" + g.at("status").get<std::string>() + "] " + g.at("pointer").get<std::string>() + " (" + values +
             "): " + g.at("citation").get<std::string>() + "; read in " + g.at("source").get<std::string>() + " on " +
             g.at("read_on").get<std::string>() + "\n";
    }
  }
  return out;
}

}  // namespace

Reply data_sources(const JsonReader& request) {
  namespace D = decl::api_data_sources_request;
  request.expect_only(D::members);
  const auto format = read_format(request, D::format);
  std::string only_file;
  if (auto v = request.find(D::file)) {
    only_file = v->as_identifier(D::file);
    (void)iop::detail::data_file(only_file);  // NotFoundError for a name that is not a data file
  }
  std::string only_status;
  if (auto v = request.find(D::status)) {
    only_status = v->as_string();
    if (only_status != "confirmed" && only_status != "secondary" && only_status != "unconfirmed")
      throw NotFoundError(v->path(), iop::quoted(only_status), "is not a figure status", "confirmed, secondary, unconfirmed");
  }
  json files = json::array();
  std::map<std::string, int> counts{{"confirmed", 0}, {"secondary", 0}, {"unconfirmed", 0}};
  for (const auto& file : iop::detail::data_files()) {
    if (!only_file.empty() && file.name != only_file) continue;
    const std::string name(file.name);
    const auto document = parse_json(file.text(), "data/" + name);
    json figures = json::array();
    collect(document, "", "data/" + name, figures);
    json kept = json::array();
    for (auto& g : figures)
      if (only_status.empty() || g.at("status") == only_status) {
        ++counts[g.at("status").get<std::string>()];
        kept.push_back(std::move(g));
      }
    files.push_back({{"file", "data/" + name}, {"description", document.value("description", "")}, {"figures", std::move(kept)}});
  }
  if (format == "text") return content_response(format, text_listing(files));
  return result_response(format, json{{"files", std::move(files)}, {"counts", counts}});
}

}  // namespace iop::api::detail
