#include "charts/engine/manifests.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "charts/engine/exec_errors.h"
#include "charts/golang/path.h"
#include "charts/values/yaml.h"
#include "charts/version/constraint.h"
#include "charts/version/semver.h"

namespace chartmirror::charts::engine {
namespace {

using values::Value;

// releaseutil.InstallOrder.
const std::vector<std::string_view>& install_order() {
  static const std::vector<std::string_view> kOrder = {
      "PriorityClass",
      "Namespace",
      "NetworkPolicy",
      "ResourceQuota",
      "LimitRange",
      "PodSecurityPolicy",
      "PodDisruptionBudget",
      "ServiceAccount",
      "Secret",
      "SecretList",
      "ConfigMap",
      "StorageClass",
      "PersistentVolume",
      "PersistentVolumeClaim",
      "CustomResourceDefinition",
      "ClusterRole",
      "ClusterRoleList",
      "ClusterRoleBinding",
      "ClusterRoleBindingList",
      "Role",
      "RoleList",
      "RoleBinding",
      "RoleBindingList",
      "Service",
      "DaemonSet",
      "Pod",
      "ReplicationController",
      "ReplicaSet",
      "Deployment",
      "HorizontalPodAutoscaler",
      "StatefulSet",
      "Job",
      "CronJob",
      "IngressClass",
      "Ingress",
      "APIService",
  };
  return kOrder;
}

// release.HookEvent names, and Helm 2's test-success.
const std::set<std::string, std::less<>>& hook_events() {
  static const std::set<std::string, std::less<>> kEvents = {
      "pre-install",  "post-install", "pre-delete",    "post-delete", "pre-upgrade",
      "post-upgrade", "pre-rollback", "post-rollback", "test",        "test-success"};
  return kEvents;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view trim_space(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

struct Document {
  std::string path;
  std::string content;
  std::string kind;
  bool is_test = false;
};

// The rank of a kind in InstallOrder; unknown kinds rank after all.
std::size_t rank(const std::string& kind) {
  const auto& order = install_order();
  const auto found = std::find(order.begin(), order.end(), kind);
  return static_cast<std::size_t>(found - order.begin());
}

// lessByKind, for a stable sort.
void sort_by_kind(std::vector<Document>& documents) {
  const std::size_t unknown = install_order().size();
  std::stable_sort(documents.begin(), documents.end(), [&](const Document& a, const Document& b) {
    const std::size_t ra = rank(a.kind);
    const std::size_t rb = rank(b.kind);
    if (ra == unknown && rb == unknown) return a.kind < b.kind;
    return ra < rb;
  });
}

std::string lower_trimmed(std::string_view text) {
  std::string out(trim_space(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string string_at(const Value& head, std::string_view key) {
  const Value* v = head.find(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

// manifestFile.sort: the documents of one file, into manifests and hooks.
Status<Error> classify(const std::string& path, const std::string& content,
                       std::vector<Document>& manifests, std::vector<Document>& hooks) {
  for (std::string& doc : split_manifests(content)) {
    auto head = values::parse_yaml(doc, path);
    if (!head.ok()) {
      Error error = head.error();
      error.message = "YAML parse error on " + path + ": " + error.message;
      return error;
    }
    if (!head->is_map() && !head->is_null()) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = "YAML parse error on " + path +
                              ": error unmarshaling JSON: while decoding JSON: json: cannot "
                              "unmarshal " +
                              json_type_name(*head) +
                              " into Go value of type releaseutil.SimpleHead",
                   .source = path,
                   .http_status = 0};
    }
    Document document{.path = path, .content = std::move(doc), .kind = string_at(*head, "kind")};
    const Value* annotations = head->find_path("metadata.annotations");
    const Value* hook = annotations != nullptr ? annotations->find("helm.sh/hook") : nullptr;
    if (hook == nullptr) {
      manifests.push_back(std::move(document));
      continue;
    }
    bool known = true;
    std::string_view events = hook->is_string() ? std::string_view(hook->as_string()) : "";
    while (true) {
      const std::size_t comma = events.find(',');
      const std::string event = lower_trimmed(events.substr(0, comma));
      if (!hook_events().contains(event)) known = false;
      if (event == "test" || event == "test-success") document.is_test = true;
      if (comma == std::string_view::npos) break;
      events.remove_prefix(comma + 1);
    }
    if (known) hooks.push_back(std::move(document));
  }
  return Done{};
}

void append_source(std::string& out, std::string_view path, std::string_view content) {
  out += "---\n# Source: ";
  out += path;
  out += '\n';
  out += content;
  out += '\n';
}

}  // namespace

std::vector<std::string> split_manifests(std::string_view text) {
  text = trim_space(text);
  std::vector<std::string> out;
  auto add = [&](std::string_view doc) {
    doc = trim_space(doc);
    if (!doc.empty()) out.emplace_back(doc);
  };
  // The separator is the regexp (?:^|\s*\n)---\s* : leftmost matches, so a run of space
  // ending in a newline before "---" belongs to the separator.
  std::size_t doc_start = 0;
  std::size_t i = 0;
  if (text.starts_with("---")) {
    i = 3;
    while (i < text.size() && is_space(text[i])) ++i;
    doc_start = i;
  }
  while (i < text.size()) {
    if (!is_space(text[i])) {
      ++i;
      continue;
    }
    std::size_t run_end = i;
    while (run_end < text.size() && is_space(text[run_end])) ++run_end;
    const bool separator = text[run_end - 1] == '\n' && text.substr(run_end).starts_with("---");
    if (!separator) {
      i = run_end;
      continue;
    }
    add(text.substr(doc_start, i - doc_start));
    i = run_end + 3;
    while (i < text.size() && is_space(text[i])) ++i;
    doc_start = i;
  }
  add(text.substr(doc_start));
  return out;
}

Result<std::string, Error> template_output(const Rendered& rendered, const Metadata& top,
                                           const KubeVersion& kube_version,
                                           const TemplateOutputOptions& options) {
  if (!top.type.empty() && top.type != "application") {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = top.type + " charts are not installable",
                 .source = top.name,
                 .http_status = 0};
  }
  if (!top.kube_version.empty()) {
    auto constraint = Constraint::parse(top.kube_version);
    auto version = Version::parse(kube_version.version);
    if (!constraint.ok() || !version.ok() || !constraint->check(*version)) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = "chart requires kubeVersion: " + top.kube_version +
                              " which is incompatible with Kubernetes " + kube_version.version,
                   .source = top.name,
                   .http_status = 0};
    }
  }
  std::vector<Document> manifests;
  std::vector<Document> hooks;
  for (const auto& [path, content] : rendered.files) {
    if (path.ends_with("NOTES.txt")) continue;
    if (go::base_name(path).starts_with("_")) continue;
    if (trim_space(content).empty()) continue;
    auto status = classify(path, content, manifests, hooks);
    if (!status.ok()) return status.error();
  }
  sort_by_kind(manifests);
  sort_by_kind(hooks);
  std::string manifest;
  if (options.include_crds) {
    for (const CrdFile& crd : rendered.crds) append_source(manifest, crd.path, crd.content);
  }
  for (const Document& document : manifests) {
    append_source(manifest, document.path, document.content);
  }
  std::string out(trim_space(manifest));
  out += '\n';
  if (options.disable_hooks) return out;
  for (const Document& hook : hooks) {
    if (options.skip_tests && hook.is_test) continue;
    append_source(out, hook.path, hook.content);
  }
  return out;
}

}  // namespace chartmirror::charts::engine
