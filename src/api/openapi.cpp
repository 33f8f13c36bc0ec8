// The OpenAPI 3.1 document of the HTTP service, generated from the schemas the
// library carries, so the service's description can never drift from them.

#include <string>

#include <nlohmann/json.hpp>

#include "api/schemas.hpp"
#include "iop/api.hpp"
#include "iop/core/json.hpp"
#include "iop/version.hpp"

namespace iop::api {
namespace {

using nlohmann::json;

// Where a reference in schema @p owner points inside the OpenAPI document:
// `../treatment-plan.schema.json` -> `#/components/schemas/treatment-plan`,
// `case.schema.json#/$defs/x` -> `#/components/schemas/case/$defs/x`,
// `#/$defs/x` -> `#/components/schemas/<owner>/$defs/x`.
std::string component_ref(const std::string& owner, const std::string& ref) {
  const auto hash = ref.find('#');
  std::string file = ref.substr(0, hash);
  const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  if (const auto slash = file.rfind('/'); slash != std::string::npos) file.erase(0, slash + 1);
  const std::string suffix = ".schema.json";
  std::string target = owner;
  if (!file.empty()) target = file.size() > suffix.size() ? file.substr(0, file.size() - suffix.size()) : file;
  return "#/components/schemas/" + target + pointer;
}

// Rewrites every $ref below @p node and drops the keywords that would change
// the base URI or the dialect inside the OpenAPI document.
void rewrite(json& node, const std::string& owner) {
  if (node.is_object()) {
    node.erase("$id");
    node.erase("$schema");
    if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
      const auto text = ref->get<std::string>();
      if (text.rfind("https://json-schema.org/", 0) == 0) {
        // The metaschema: described, not fetched.
        node.erase("$ref");
        node["type"] = "object";
        node["description"] = "A JSON Schema (draft 2020-12).";
      } else {
        *ref = component_ref(owner, text);
      }
    }
    for (auto& [key, value] : node.items()) rewrite(value, owner);
  } else if (node.is_array()) {
    for (auto& value : node) rewrite(value, owner);
  }
}

json error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/error"}}}}}}}};
}

// Every schema iop carries, as components with their references rewritten.
json component_schemas() {
  json schemas = json::object();
  for (const auto& s : iop::detail::embedded_schemas()) {
    auto document = parse_json(s.text, "schema");
    const std::string name(s.name);
    rewrite(document, name);
    schemas[name] = std::move(document);
  }
  return schemas;
}

// POST /v1/<operation>: its request and response schemas, and every status the service answers with.
json operation_path(const std::string& name, const json& schemas) {
  return {
      {"post",
       {{"operationId", name},
        {"summary", schemas.at(name + ".request").value("description", name)},
        {"requestBody",
         {{"required", true},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + name + ".request"}}}}}}}}},
        {"responses",
         {{"200",
           {{"description", "The result, or the content of a text format"},
            {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + name + ".response"}}}}}}}}},
          {"400", error_response("The request was refused (kind validation or overflow)")},
          {"404", error_response("A name in the request is not known (kind not_found)")},
          {"413", error_response("The request is larger than the service takes")},
          {"500", error_response("A fault of iop itself (kind internal)")},
          {"401", error_response("No bearer token, or not one of the service's (with --tokens)")},
          {"415", error_response("The body is not application/json")},
          {"503", error_response("The request ran past the service's time limit, or the service is busy")},
          {"default", error_response("Another refusal of the service (403 an Origin not allowed, 405 a wrong method, "
                                     "408 a request too slow, 417 an Expect, 421 a Host not of the service, 431 a "
                                     "head too large)")}}}}}};
}

// The service's own paths: a schema by name, health, readiness, metrics and this document.
void add_service_paths(json& paths) {
  paths["/v1/schema/{name}"] = {
      {"get",
       {{"operationId", "schema_by_name"},
        {"summary", "One of the JSON Schemas iop carries"},
        {"parameters",
         json::array({{{"name", "name"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}})},
        {"responses",
         {{"200",
           {{"description", "The JSON Schema (draft 2020-12)"},
            {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
          {"404", error_response("No schema has that name")}}}}}};
  paths["/healthz"] = {
      {"get",
       {{"operationId", "health"},
        {"summary", "Whether the service is up, and its versions"},
        {"responses",
         {{"200",
           {{"description", "Up"},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "object"},
                  {"required", json::array({"status", "version", "api_version"})},
                  {"properties",
                   {{"status", {{"const", "ok"}}},
                    {"version", {{"type", "string"}}},
                    {"api_version", {{"const", api_version}}}}}}}}}}}}}}}}}};
  paths["/readyz"] = {
      {"get",
       {{"operationId", "ready"},
        {"summary", "Whether the instance takes requests: 503 from SIGTERM on, while it drains"},
        {"security", json::array({json::object()})},
        {"responses",
         {{"200",
           {{"description", "Ready"},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "object"},
                  {"required", json::array({"status"})},
                  {"properties", {{"status", {{"const", "ready"}}}}}}}}}}}}},
          {"503", error_response("Draining (kind unavailable)")}}}}}};
  paths["/metrics"] = {{"get",
                        {{"operationId", "metrics"},
                         {"summary", "Counters, latency histograms and gauges of the service"},
                         {"responses",
                          {{"200",
                            {{"description", "The Prometheus text exposition format 0.0.4"},
                             {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}}}};
  paths["/healthz"]["get"]["security"] = json::array({json::object()});
  paths["/openapi.json"] = {{"get",
                             {{"operationId", "openapi"},
                              {"summary", "This document"},
                              {"responses",
                               {{"200",
                                 {{"description", "The OpenAPI 3.1 document"},
                                  {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}}}}}};
}

json build() {
  json schemas = component_schemas();
  json paths = json::object();
  for (auto operation : operations()) {
    const std::string name(operation);
    paths["/v1/" + name] = operation_path(name, schemas);
  }
  add_service_paths(paths);
  return {{"openapi", "3.1.0"},
          {"jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"},
          {"info",
           {{"title", "iop document API"},
            {"version", version_string},
            {"summary", "Intensive outpatient programs: plans, session calendars, cost estimates and parity checks"},
            {"description",
             "Every operation takes one JSON request with \"api_version\": 1 and returns one JSON response, byte for "
             "byte what the iop command, the C ABI and the Python package return for the same request."},
            {"license", {{"name", "Apache-2.0"}, {"identifier", "Apache-2.0"}}}}},
          {"servers", json::array({{{"url", "http://127.0.0.1:8080"}, {"description", "iop serve, by default"}}})},
          {"paths", std::move(paths)},
          // A token only when the service is started with --tokens: no requirement, or the bearer token.
          {"security", json::array({json::object(), {{"bearer", json::array()}}})},
          {"components",
           {{"schemas", std::move(schemas)},
            {"securitySchemes",
             {{"bearer",
               {{"type", "http"},
                {"scheme", "bearer"},
                {"description", "A token of the service's --tokens file (RFC 6750)"}}}}}}}};
}

}  // namespace

const std::string& openapi_json() {
  static const std::string document = build().dump(-1, ' ', false, json::error_handler_t::replace);
  return document;
}

}  // namespace iop::api
