#include "charts/engine/render.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "charts/engine/exec_errors.h"
#include "charts/engine/functions.h"
#include "charts/golang/path.h"
#include "charts/template/executor.h"
#include "charts/template/parser.h"
#include "charts/template/rsa_key.h"
#include "charts/template/sprig.h"

namespace chartmirror::charts::engine {
namespace {

using values::Value;

struct Renderable {
  std::string name;
  const std::string* text = nullptr;
  Value scope;
  std::string base_path;
};

struct Walk {
  const Value& release;
  const Value& capabilities;
  std::vector<Renderable>& templates;
  std::vector<CrdFile>& crds;
};

bool has_manifest_extension(std::string_view path) {
  return path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json");
}

bool is_library(const Chart& chart) {
  std::string type = chart.metadata().type;
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type == "library";
}

// recAllTpls: the scope of `chart` (processed as `tree`), its templates and CRDs, and its
// subcharts' scopes.
Value scope_of(const Chart& chart, const values::ValuesTree& tree, const Value* parent_values,
               const Value& top_values, const std::string& path, Walk& walk) {
  const bool is_root = parent_values == nullptr;
  Value values = Value(Value::Map{});
  if (is_root) {
    values = top_values;
  } else if (const Value* section = parent_values->find(tree.name);
             section != nullptr && section->is_map()) {
    values = *section;
  }
  for (const auto& [name, data] : chart.files()) {
    if (name.starts_with("crds/") && has_manifest_extension(name)) {
      std::string crd_path = path;
      crd_path += '/';
      crd_path += name;
      walk.crds.push_back({.path = std::move(crd_path), .content = data});
    }
  }
  Value::Map subcharts;
  for (std::size_t i = 0; i < tree.subcharts.size(); ++i) {
    const values::ValuesTree& subtree = tree.subcharts[i];
    // process_dependencies records which loaded subchart each rendered one is.
    const std::size_t loaded = subtree.origin >= 0 ? static_cast<std::size_t>(subtree.origin) : i;
    if (loaded >= chart.dependencies().size()) continue;
    subcharts.insert_or_assign(subtree.name,
                               scope_of(chart.dependencies()[loaded], subtree, &values, top_values,
                                        path + "/charts/" + subtree.name, walk));
  }
  Value scope = Value::map({{"Chart", chart_value(chart.metadata(), tree.name, is_root)},
                            {"Files", files_value(chart)},
                            {"Release", walk.release},
                            {"Capabilities", walk.capabilities},
                            {"Values", values},
                            {"Subcharts", Value(std::move(subcharts))}});
  const bool library = is_library(chart);
  for (const auto* file : chart.templates()) {
    if (library && !go::base_name(file->first).starts_with("_")) continue;
    walk.templates.push_back({.name = path + "/" + file->first,
                              .text = &file->second,
                              .scope = scope,
                              .base_path = path + "/templates"});
  }
  return scope;
}

// Helm's sortTemplates: deepest paths first; at one depth, names in reverse order.
void sort_templates(std::vector<Renderable>& templates) {
  auto depth = [](const std::string& name) { return std::count(name.begin(), name.end(), '/'); };
  std::sort(templates.begin(), templates.end(), [&](const Renderable& a, const Renderable& b) {
    const auto da = depth(a.name);
    const auto db = depth(b.name);
    if (da != db) return da > db;
    return a.name > b.name;
  });
}

// Keys for genCA, genSelfSignedCert and genSignedCert, found on the other cores while this
// thread parses and executes: a chart that makes five certificates would otherwise wait for
// five key searches in a row. None when no template calls them, or on a single core.
std::unique_ptr<tmpl::sprig::RsaKeyPool> rsa_2048_key_pool(
    const std::vector<Renderable>& templates) {
  std::size_t calls = 0;
  for (const Renderable& t : templates) calls += tmpl::count_rsa_2048_calls(*t.text);
  const unsigned cores = std::thread::hardware_concurrency();
  if (calls == 0 || cores < 2) return nullptr;
  constexpr unsigned kMaxWorkers = 2;
  return std::make_unique<tmpl::sprig::RsaKeyPool>(2048, calls, std::min(cores - 1, kMaxWorkers));
}

// The templates parsed each on its own (parse() is pure), on this thread and, for a chart
// large enough to pay for it, one more: parsing is about a third of a large chart's render.
// The caller adds the trees to the set in Helm's order, so definitions replace one another as
// in one sequential parse, and the first error it reports is the first in that order.
std::vector<std::optional<Result<tmpl::TreeSet, tmpl::TemplateError>>> parse_each(
    const std::vector<Renderable>& templates, const tmpl::ParseOptions& options) {
  std::vector<std::optional<Result<tmpl::TreeSet, tmpl::TemplateError>>> parsed(templates.size());
  std::atomic<std::size_t> next{0};
  auto parse_some = [&] {
    for (std::size_t i = next++; i < templates.size(); i = next++) {
      parsed[i].emplace(tmpl::parse(templates[i].name, *templates[i].text, options));
    }
  };
  constexpr std::size_t kBytesWorthAThread = std::size_t{256} * 1024;
  std::size_t bytes = 0;
  for (const Renderable& t : templates) bytes += t.text->size();
  if (bytes >= kBytesWorthAThread && std::thread::hardware_concurrency() > 1) {
    std::thread helper(parse_some);
    parse_some();
    helper.join();
  } else {
    parse_some();
  }
  return parsed;
}

Error engine_error(const Chart& chart, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = chart.name(),
               .http_status = 0};
}

}  // namespace

Result<Rendered, Error> render(const Chart& chart, const values::RenderValues& values,
                               const RenderOptions& options) {
  const Value release = Value::map({{"Name", Value(options.release_name)},
                                    {"Namespace", Value(options.release_namespace)},
                                    {"IsUpgrade", Value(options.is_upgrade)},
                                    {"IsInstall", Value(!options.is_upgrade)},
                                    {"Revision", Value(options.revision)},
                                    {"Service", Value("Helm")}});
  const Value capabilities = capabilities_value(options.capabilities);
  Rendered rendered;
  std::vector<Renderable> templates;
  Walk walk{.release = release,
            .capabilities = capabilities,
            .templates = templates,
            .crds = rendered.crds};
  const Value top_values = values.values.is_map() ? values.values.deep_copy() : Value(Value::Map{});
  (void)scope_of(chart, values.chart, nullptr, top_values, values.chart.name, walk);
  sort_templates(templates);

  const std::unique_ptr<tmpl::sprig::RsaKeyPool> rsa_2048_keys = rsa_2048_key_pool(templates);
  tmpl::FunctionNames names;
  const tmpl::FunctionMap functions = helm_functions(names, rsa_2048_keys.get());
  tmpl::TreeSet set;
  const tmpl::ParseOptions parse_options{.functions = &names};
  auto parsed = parse_each(templates, parse_options);
  for (std::size_t i = 0; i < templates.size(); ++i) {
    auto& trees = *parsed[i];
    if (!trees.ok()) return engine_error(chart, parse_error_text(templates[i].name, trees.error()));
    for (auto& [name, tree] : *trees) tmpl::add_tree(set, std::move(tree));
  }
  parsed.clear();
  const tmpl::ExecOptions exec_options{
      .missing_key = options.strict ? tmpl::MissingKey::kError : tmpl::MissingKey::kZero,
      .range_over_int = false,
      .max_depth = kMaxTemplateDepth,
      .go_types = &helm_go_types()};
  tmpl::Executor executor(set, functions, exec_options);
  for (Renderable& t : templates) {
    if (go::base_name(t.name).starts_with("_")) continue;
    t.scope.shared_map().insert_or_assign(
        "Template", Value::map({{"Name", Value(t.name)}, {"BasePath", Value(t.base_path)}}));
    auto out = executor.execute(t.name, tmpl::ExecValue(t.scope));
    if (!out.ok()) return engine_error(chart, exec_error_text(t.name, out.error()));
    std::string text = *std::move(out);
    remove_no_value(text);
    rendered.files.insert_or_assign(t.name, std::move(text));
  }
  return rendered;
}

}  // namespace chartmirror::charts::engine
