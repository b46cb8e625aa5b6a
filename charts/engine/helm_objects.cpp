#include "charts/engine/helm_objects.h"

#include <utility>

#include "charts/engine/files_glob.h"
#include "charts/golang/path.h"
#include "charts/template/sprig.h"
#include "charts/values/yaml_emit.h"
#include "charts/version/semver.h"
#include "support/base64.h"

namespace chartmirror::charts::engine {
namespace {

using tmpl::ExecValue;
using tmpl::Function;
using tmpl::FunctionResult;
using tmpl::GoType;
using tmpl::ParamType;
using values::Value;

constexpr std::string_view kFilesType = "engine.files";
constexpr std::string_view kCapabilitiesType = "*chartutil.Capabilities";
constexpr std::string_view kKubeVersionType = "chartutil.KubeVersion";
constexpr std::string_view kVersionSetType = "chartutil.VersionSet";
constexpr std::string_view kBuildInfoType = "version.BuildInfo";
constexpr std::string_view kChartType = "struct { chart.Metadata; IsRoot bool }";

using Args = std::vector<ExecValue>;

Function method(std::vector<ParamType> params,
                std::function<FunctionResult(const Value& self, Args& args)> call) {
  return Function{.params = std::move(params),
                  .variadic = false,
                  .call = [call = std::move(call)](tmpl::CallContext&, Args& args) {
                    return call(args[0].value(), args);
                  }};
}

const std::string& arg_string(const Args& args, std::size_t i) {
  return args[i].value().as_string();
}

// The files of a Files value (its entries but the type marker).
template <typename Visit>
void for_each_file(const Value& files, Visit visit) {
  for (const auto& [name, data] : files.as_map()) {
    if (!tmpl::is_go_type_key(name) && data.is_string()) visit(name, data.as_string());
  }
}

// AsConfig and AsSecrets: base names → contents, as Helm's toYAML prints them.
Value as_map_by_base(const Value& files, bool base64) {
  Value::Map out;
  for_each_file(files, [&](const std::string& name, const std::string& data) {
    out.insert_or_assign(std::string(go::base_name(name)),
                         Value(base64 ? chartmirror::base64_encode(data) : data));
  });
  return Value(std::move(out));
}

GoType files_type() {
  GoType type{.kind = GoType::Kind::kMap, .zero = Value(Value::List{}), .methods = {}};
  auto get = [](const Value& self, Args& args) -> FunctionResult {
    const Value* data = self.find(arg_string(args, 1));
    if (data == nullptr || !data->is_string() || tmpl::is_go_type_key(arg_string(args, 1))) {
      return ExecValue(Value(""));
    }
    return ExecValue(*data);
  };
  type.methods["Get"] = method({ParamType::kString}, get);
  type.methods["GetBytes"] = method({ParamType::kString}, get);
  type.methods["Glob"] = method({ParamType::kString}, [](const Value& self, Args& args) {
    Value::Map out;
    for_each_file(self, [&](const std::string& name, const std::string& data) {
      if (glob_match(arg_string(args, 1), name)) out.insert_or_assign(name, Value(data));
    });
    return FunctionResult(ExecValue(tmpl::make_go_value(kFilesType, std::move(out))));
  });
  type.methods["Lines"] = method({ParamType::kString}, [](const Value& self, Args& args) {
    Value::List lines;
    const Value* data = self.find(arg_string(args, 1));
    if (data != nullptr && data->is_string() && !data->as_string().empty()) {
      std::string_view text = data->as_string();
      if (text.back() == '\n') text.remove_suffix(1);
      std::size_t start = 0;
      for (std::size_t end = text.find('\n'); end != std::string_view::npos;
           end = text.find('\n', start)) {
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
      }
      lines.emplace_back(text.substr(start));
    }
    return FunctionResult(ExecValue(Value(std::move(lines))));
  });
  type.methods["AsConfig"] = method({}, [](const Value& self, Args&) {
    return FunctionResult(ExecValue(Value(values::to_yaml(as_map_by_base(self, false)))));
  });
  type.methods["AsSecrets"] = method({}, [](const Value& self, Args&) {
    return FunctionResult(ExecValue(Value(values::to_yaml(as_map_by_base(self, true)))));
  });
  return type;
}

GoType kube_version_type() {
  GoType type;
  auto version = [](const Value& self, Args&) -> FunctionResult {
    const Value* v = self.find("Version");
    return ExecValue(v != nullptr ? *v : Value(""));
  };
  type.methods["String"] = method({}, version);
  type.methods["GitVersion"] = method({}, version);
  return type;
}

GoType version_set_type() {
  GoType type{.kind = GoType::Kind::kOpaque, .zero = {}, .methods = {}};
  type.methods["Has"] = method({ParamType::kString}, [](const Value& self, Args& args) {
    const std::string& version = arg_string(args, 1);
    const bool has = !tmpl::is_go_type_key(version) && self.find(version) != nullptr;
    return FunctionResult(ExecValue(Value(has)));
  });
  return type;
}

Value string_list(const std::vector<std::string>& items) {
  Value::List out;
  out.reserve(items.size());
  for (const std::string& item : items) out.emplace_back(item);
  return Value(std::move(out));
}

Value dependency_value(const Dependency& dependency) {
  Value::List import_values;
  for (const auto& item : dependency.import_values) {
    import_values.emplace_back(item.is_string() ? Value(item.get<std::string>()) : Value());
  }
  return tmpl::make_go_value("*chart.Dependency",
                             {{"Name", Value(dependency.name)},
                              {"Version", Value(dependency.version)},
                              {"Repository", Value(dependency.repository)},
                              {"Condition", Value(dependency.condition)},
                              {"Tags", string_list(dependency.tags)},
                              {"Enabled", Value(dependency.enabled)},
                              {"ImportValues", Value(std::move(import_values))},
                              {"Alias", Value(dependency.alias)}});
}

}  // namespace

Result<KubeVersion, Error> parse_kube_version(std::string_view text) {
  auto version = Version::parse(text);
  if (!version.ok()) return version.error();
  return KubeVersion{.version = "v" + version->str(),
                     .major = std::to_string(version->major()),
                     .minor = std::to_string(version->minor())};
}

const std::vector<std::string>& Capabilities::default_api_versions() {
  // What helm 3.17.3 prints for {{ .Capabilities.APIVersions | toJson }}.
  static const std::vector<std::string> kVersions = {
      "v1",
      "admissionregistration.k8s.io/v1",
      "admissionregistration.k8s.io/v1alpha1",
      "admissionregistration.k8s.io/v1beta1",
      "internal.apiserver.k8s.io/v1alpha1",
      "apps/v1",
      "apps/v1beta1",
      "apps/v1beta2",
      "authentication.k8s.io/v1",
      "authentication.k8s.io/v1alpha1",
      "authentication.k8s.io/v1beta1",
      "authorization.k8s.io/v1",
      "authorization.k8s.io/v1beta1",
      "autoscaling/v1",
      "autoscaling/v2",
      "autoscaling/v2beta1",
      "autoscaling/v2beta2",
      "batch/v1",
      "batch/v1beta1",
      "certificates.k8s.io/v1",
      "certificates.k8s.io/v1beta1",
      "certificates.k8s.io/v1alpha1",
      "coordination.k8s.io/v1alpha2",
      "coordination.k8s.io/v1beta1",
      "coordination.k8s.io/v1",
      "discovery.k8s.io/v1",
      "discovery.k8s.io/v1beta1",
      "events.k8s.io/v1",
      "events.k8s.io/v1beta1",
      "extensions/v1beta1",
      "flowcontrol.apiserver.k8s.io/v1",
      "flowcontrol.apiserver.k8s.io/v1beta1",
      "flowcontrol.apiserver.k8s.io/v1beta2",
      "flowcontrol.apiserver.k8s.io/v1beta3",
      "networking.k8s.io/v1",
      "networking.k8s.io/v1alpha1",
      "networking.k8s.io/v1beta1",
      "node.k8s.io/v1",
      "node.k8s.io/v1alpha1",
      "node.k8s.io/v1beta1",
      "policy/v1",
      "policy/v1beta1",
      "rbac.authorization.k8s.io/v1",
      "rbac.authorization.k8s.io/v1beta1",
      "rbac.authorization.k8s.io/v1alpha1",
      "resource.k8s.io/v1beta1",
      "resource.k8s.io/v1alpha3",
      "scheduling.k8s.io/v1alpha1",
      "scheduling.k8s.io/v1beta1",
      "scheduling.k8s.io/v1",
      "storage.k8s.io/v1beta1",
      "storage.k8s.io/v1",
      "storage.k8s.io/v1alpha1",
      "storagemigration.k8s.io/v1alpha1",
      "apiextensions.k8s.io/v1beta1",
      "apiextensions.k8s.io/v1",
  };
  return kVersions;
}

const tmpl::GoTypes& helm_go_types() {
  static const tmpl::GoTypes kTypes = [] {
    tmpl::GoTypes types;
    types.emplace(kFilesType, files_type());
    types.emplace(kCapabilitiesType, GoType{});
    types.emplace(kKubeVersionType, kube_version_type());
    types.emplace(kVersionSetType, version_set_type());
    types.emplace(kBuildInfoType, GoType{});
    types.emplace(kChartType, GoType{});
    types.emplace("*chart.Maintainer", GoType{});
    types.emplace("*chart.Dependency", GoType{});
    tmpl::add_sprig_go_types(types);
    return types;
  }();
  return kTypes;
}

Value capabilities_value(const Capabilities& capabilities) {
  Value::Map versions;
  for (const std::string& version : capabilities.api_versions) versions.emplace(version, true);
  const KubeVersion& kube = capabilities.kube_version;
  return tmpl::make_go_value(
      kCapabilitiesType,
      {{"APIVersions", tmpl::make_go_value(kVersionSetType, std::move(versions))},
       {"KubeVersion", tmpl::make_go_value(kKubeVersionType, {{"Version", Value(kube.version)},
                                                              {"Major", Value(kube.major)},
                                                              {"Minor", Value(kube.minor)}})},
       {"HelmVersion",
        tmpl::make_go_value(kBuildInfoType,
                            {{"Version", Value("v3.17.3")},
                             {"GitCommit", Value("e4da49785aa6e6ee2b86efd5dd9e43400318262b")},
                             {"GitTreeState", Value("clean")},
                             {"GoVersion", Value("go1.23.7")}})}});
}

Value files_value(const Chart& chart) {
  Value::Map files;
  for (const auto* file : chart.other_files()) files.insert_or_assign(file->first, file->second);
  return tmpl::make_go_value(kFilesType, std::move(files));
}

Value chart_value(const Metadata& metadata, std::string_view name, bool is_root) {
  Value::List maintainers;
  for (const Maintainer& maintainer : metadata.maintainers) {
    maintainers.push_back(
        tmpl::make_go_value("*chart.Maintainer", {{"Name", Value(maintainer.name)},
                                                  {"Email", Value(maintainer.email)},
                                                  {"URL", Value(maintainer.url)}}));
  }
  Value::List dependencies;
  for (const Dependency& dependency : metadata.dependencies) {
    dependencies.push_back(dependency_value(dependency));
  }
  Value::Map annotations;
  for (const auto& [key, text] : metadata.annotations) annotations.emplace(key, Value(text));
  return tmpl::make_go_value(kChartType, {{"Name", Value(name)},
                                          {"Home", Value(metadata.home)},
                                          {"Sources", string_list(metadata.sources)},
                                          {"Version", Value(metadata.version)},
                                          {"Description", Value(metadata.description)},
                                          {"Keywords", string_list(metadata.keywords)},
                                          {"Maintainers", Value(std::move(maintainers))},
                                          {"Icon", Value(metadata.icon)},
                                          {"APIVersion", Value(metadata.api_version)},
                                          {"Condition", Value(metadata.condition)},
                                          {"Tags", Value(metadata.tags)},
                                          {"AppVersion", Value(metadata.app_version)},
                                          {"Deprecated", Value(metadata.deprecated)},
                                          {"Annotations", Value(std::move(annotations))},
                                          {"KubeVersion", Value(metadata.kube_version)},
                                          {"Dependencies", Value(std::move(dependencies))},
                                          {"Type", Value(metadata.type)},
                                          {"IsRoot", Value(is_root)}});
}

}  // namespace chartmirror::charts::engine
