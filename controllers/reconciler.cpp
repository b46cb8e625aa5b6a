#include "controllers/reconciler.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "charts/images/destination.h"
#include "controllers/chart_loading.h"
#include "controllers/chart_push.h"
#include "controllers/image_copy.h"
#include "controllers/image_selection.h"
#include "controllers/progress.h"
#include "controllers/registry_settings.h"
#include "controllers/status.h"
#include "controllers/values_rewrite.h"
#include "registry/oci/descriptor.h"
#include "support/rfc3339.h"

namespace chartmirror::controllers {
namespace {

constexpr size_t kNamedInMessage = 3;  // failures a Ready message names before "and N more"

std::vector<Condition> conditions(std::string ready, std::string reason, std::string message,
                                  bool stalled) {
  std::vector<Condition> out;
  out.push_back({"Ready", std::move(ready), reason, message});
  out.push_back({"Reconciling", "False", "ReconcileEnded", "the last reconcile has ended"});
  if (stalled) {
    out.push_back({"Stalled", "True", std::move(reason), std::move(message)});
  } else {
    out.push_back({"Stalled", "False", "NotStalled", "progress is possible"});
  }
  return out;
}

std::string plural(size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

class Reconciler {
 public:
  Reconciler(const ChartMirror& object, Cluster& cluster, const ReconcileOptions& options)
      : object_(object),
        cluster_(cluster),
        options_(options),
        now_(timestamp()),
        last_progress_(std::chrono::steady_clock::now()) {}

  Result<Outcome, Error> run();

 private:
  Result<Outcome, Error> sync(const ChartMirrorSpec& spec);
  Result<Outcome, Error> finish(const std::vector<Condition>& conditions, const SyncReport* report,
                                std::optional<std::chrono::milliseconds> requeue_after);
  // A periodic sync of an object that is Ready for its generation already, which finds the
  // destination complete, says nothing: Events are for changes (a new spec, a recovery,
  // copies made, failures), not for every interval of every object.
  [[nodiscard]] bool ready_for_generation() const {
    if (!object_.status.is_object()) return false;
    if (object_.status.value("observedGeneration", std::int64_t{-1}) != object_.generation) {
      return false;
    }
    const auto conditions = object_.status.find("conditions");
    if (conditions == object_.status.end() || !conditions->is_array()) return false;
    for (const auto& condition : *conditions) {
      if (condition.is_object() && condition.value("type", "") == "Ready") {
        return condition.value("status", "") == "True";
      }
    }
    return false;
  }

  void event(Event::Type type, std::string reason, std::string message) {
    Event item{type, std::move(reason), std::move(message)};
    cluster_.emit_event(object_, item);
    outcome_.events.push_back(std::move(item));
  }
  void push_charts(const ChartMirrorSpec& spec, const std::set<std::string>& failed_images,
                   RegistrySettings& registries,
                   const std::vector<charts::images::ImageDestination>& mappings);
  struct ChartWork;
  bool push_dependencies(const ChartMirrorSpec& spec, ChartWork& work,
                         RegistrySettings& registries);

  // Where the copies stand: on_progress, and now and then a Reconciling=True status.
  void report_progress(const Progress& progress);
  // The status to write, the last progress status (if any) being the previous one.
  nlohmann::json status_after(const std::vector<Condition>& conditions, const SyncReport* report,
                              std::string_view now) const;
  std::string timestamp() const {
    return format_rfc3339_utc(options_.now ? options_.now() : std::chrono::system_clock::now());
  }

  // A failure, and its line in the Warning event of its class (ImageCopyFailed, ChartFailed).
  void record(Failure failure, const std::string& event_reason) {
    failure_classes_[event_reason].push_back(failure.ref + " (" + failure.reason + ")");
    report_.failures.push_back(std::move(failure));
  }

  struct ChartWork {
    const ChartSpec* spec = nullptr;
    std::optional<LoadedChart> loaded;
    std::vector<registry::Reference> images;  // after exclusion
    ChartResult result;
  };

  const ChartMirror& object_;
  Cluster& cluster_;
  const ReconcileOptions& options_;
  std::string now_;
  Outcome outcome_;
  std::vector<ChartWork> works_;
  SyncReport report_;
  std::map<std::string, std::vector<std::string>> failure_classes_;
  std::map<std::string, bool> dependencies_;  // destination → in it now; each pushed once a sync
  // Guarded by the ProgressTracker's lock while images copy (report_progress() runs under it).
  std::chrono::steady_clock::time_point last_progress_;  // the start, then each progress patch
  std::optional<nlohmann::json> progress_status_;        // the last progress status written
};

void Reconciler::report_progress(const Progress& progress) {
  if (options_.on_progress) options_.on_progress(progress);
  if (options_.dry_run) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_progress_ < options_.progress_interval) return;
  last_progress_ = now;
  nlohmann::json status =
      status_after(progress_conditions(object_.status, progress), nullptr, timestamp());
  // Best effort: a progress patch that fails fails nothing; the final status is what counts.
  if (cluster_.patch_status(object_, status).ok()) progress_status_ = std::move(status);
}

nlohmann::json Reconciler::status_after(const std::vector<Condition>& conditions,
                                        const SyncReport* report, std::string_view now) const {
  if (!progress_status_) return make_status(object_, conditions, report, now);
  const ChartMirror written{.namespace_ = object_.namespace_,
                            .name = object_.name,
                            .generation = object_.generation,
                            .status = *progress_status_};
  return make_status(written, conditions, report, now);
}

Result<Outcome, Error> Reconciler::finish(const std::vector<Condition>& conditions,
                                          const SyncReport* report,
                                          std::optional<std::chrono::milliseconds> requeue_after) {
  outcome_.status = status_after(conditions, report, now_);
  outcome_.requeue_after = requeue_after;
  auto patched = cluster_.patch_status(object_, outcome_.status);
  if (!patched.ok()) return patched.error();
  return std::move(outcome_);
}

Result<Outcome, Error> Reconciler::run() {
  auto spec = parse_spec(object_.spec);
  Result<std::vector<registry::Reference>, Error> extra =
      spec.ok() ? extra_images(spec->images.extra) : spec.error();
  if (!extra.ok()) {
    const std::string message = extra.error().describe();
    event(Event::Type::kWarning, "InvalidSpec", message);
    return finish(conditions("False", "InvalidSpec", message, true), nullptr, std::nullopt);
  }
  if (spec->suspend) {
    return finish(
        conditions("Unknown", "Suspended", "spec.suspend is true: nothing is mirrored", false),
        nullptr, std::nullopt);
  }
  return sync(*spec);
}

Result<Outcome, Error> Reconciler::sync(const ChartMirrorSpec& spec) {
  const auto retry_after = std::min(spec.interval, kRetryAfterFailure);
  const bool quiet_if_unchanged = ready_for_generation();
  if (!quiet_if_unchanged) {
    event(Event::Type::kNormal, "Reconciling",
          "mirroring " + plural(spec.charts.size(), "chart") + " from " + spec.source.url + " to " +
              spec.destination.url);
  }
  auto registries =
      RegistrySettings::create(spec, object_.namespace_, cluster_, options_.docker_config_json);
  if (!registries.ok()) {
    const Error& error = registries.error();
    if (error.code == Error::Code::kCluster) return error;
    const bool missing = error.code == Error::Code::kNotFound;
    const std::string reason = missing ? "SecretNotFound" : "InvalidSecret";
    event(Event::Type::kWarning, reason, error.describe());
    return finish(conditions("False", reason, error.describe(), !missing), nullptr, retry_after);
  }
  if (options_.open_store) (*registries)->set_store_opener(options_.open_store);

  // Charts, and the images each deploys.
  charts::ChartSources sources((*registries)->chart_sources());
  report_.spec_charts = spec.charts.size();
  std::map<std::string, std::string> chart_of_image;  // reference → the first chart naming it
  std::set<std::string> skipped;
  std::vector<registry::Reference> all;
  for (const ChartSpec& chart : spec.charts) {
    ChartWork work{.spec = &chart};
    work.result.name = chart.name;
    auto loaded =
        load_chart(chart, spec, sources, cluster_, object_.namespace_, options_.kube_version);
    if (!loaded.ok()) {
      record(loaded.error(), "ChartFailed");
      works_.push_back(std::move(work));
      continue;
    }
    work.result.version = loaded->tree.chart.version();
    work.result.source = loaded->fetched.source;
    for (const registry::Reference& image : loaded->images) {
      if (excluded(image, spec.images.exclude)) {
        skipped.insert(image.str());
        continue;
      }
      work.images.push_back(image);
      chart_of_image.emplace(image.str(), chart.name);
      all.push_back(image);
    }
    work.result.images = static_cast<int>(work.images.size());
    work.loaded = std::move(loaded).value();
    works_.push_back(std::move(work));
  }
  auto extra = extra_images(spec.images.extra);
  for (const registry::Reference& image : *extra) all.push_back(image);

  // Images: where each goes, then the copies.
  auto mappings = charts::images::image_destinations(all, spec.destination.url);
  std::set<std::string> failed_images;
  std::vector<charts::images::ImageDestination> copied_mappings;
  if (!mappings.ok()) {
    record(Failure{.ref = spec.destination.url,
                   .reason = "DestinationInvalid",
                   .message = mappings.error().describe()},
           "ImageCopyFailed");
    for (const auto& image : all) failed_images.insert(image.str());
    report_.images.total = static_cast<int>(failed_images.size());
    report_.images.failed = report_.images.total;
  } else {
    registry::copy::CopyOptions copy = options_.copy;
    copy.referrers = spec.images.all_referrers;
    for (const std::string& text : spec.images.platforms) {
      auto platform = registry::oci::Platform::parse(text);
      if (platform.ok()) copy.platforms.push_back(std::move(platform).value());
    }
    ProgressTracker tracker(mappings->size(),
                            [this](const Progress& progress) { report_progress(progress); });
    const auto results = copy_images(*mappings, **registries, copy, options_.images_at_once,
                                     options_.dry_run, &tracker);
    report_.images.total = static_cast<int>(mappings->size());
    for (size_t i = 0; i < results.size(); ++i) {
      const ImageCopyResult& result = results[i];
      if (result.would_copy) {
        ++outcome_.stats.images_to_copy;
        continue;
      }
      if (result.mirrored) {
        ++report_.images.mirrored;
        ++(result.copied ? outcome_.stats.images_copied : outcome_.stats.images_present);
        outcome_.stats.bytes_copied += result.bytes_copied;
        continue;
      }
      ++report_.images.failed;
      Failure failure = result.failure;
      const auto chart = chart_of_image.find((*mappings)[i].source.str());
      if (chart != chart_of_image.end()) failure.chart = chart->second;
      failed_images.insert((*mappings)[i].source.str());
      record(std::move(failure), "ImageCopyFailed");
    }
    copied_mappings = std::move(mappings).value();
  }
  report_.images.skipped = static_cast<int>(skipped.size());

  push_charts(spec, failed_images, **registries, copied_mappings);

  // Conditions and events.
  for (ChartWork& work : works_) report_.charts.push_back(std::move(work.result));
  for (const auto& [reason, failures] : failure_classes_) {
    std::string message = plural(failures.size(), "failure") + ":";
    for (size_t i = 0; i < failures.size() && i < kNamedInMessage; ++i) {
      message += (i == 0 ? " " : "; ") + failures[i];
    }
    event(Event::Type::kWarning, reason, message);
  }
  const std::string counts = plural(spec.charts.size(), "chart") + ", " +
                             plural(static_cast<size_t>(report_.images.total), "image");
  const size_t charts_to_push = outcome_.stats.charts_to_push + outcome_.stats.dependencies_to_push;
  const size_t to_copy = outcome_.stats.images_to_copy + charts_to_push;
  if (report_.failures.empty() && to_copy > 0) {
    return finish(conditions("False", "NotMirrored",
                             counts + ": " + plural(outcome_.stats.images_to_copy, "image") +
                                 " and " + plural(charts_to_push, "chart") + " to copy (dry run)",
                             false),
                  &report_, retry_after);
  }
  const bool changed = outcome_.stats.images_copied > 0 || outcome_.stats.charts_pushed > 0 ||
                       outcome_.stats.dependencies_pushed > 0;
  if (report_.failures.empty()) {
    if (changed || !quiet_if_unchanged) {
      event(Event::Type::kNormal, "Mirrored",
            counts + ": " + std::to_string(outcome_.stats.images_copied) + " copied, " +
                std::to_string(outcome_.stats.images_present) + " already present");
    }
    return finish(conditions("True", "Mirrored", counts, false), &report_, spec.interval);
  }
  std::string message = counts + ": " + plural(report_.failures.size(), "failure") + ": ";
  for (size_t i = 0; i < report_.failures.size() && i < kNamedInMessage; ++i) {
    const Failure& failure = report_.failures[i];
    message += (i == 0 ? "" : "; ") + failure.ref + ": " + failure.reason + ": " + failure.message;
  }
  if (report_.failures.size() > kNamedInMessage) {
    message += "; and " + std::to_string(report_.failures.size() - kNamedInMessage) + " more";
  }
  return finish(conditions("False", "MirrorFailed", message, false), &report_, retry_after);
}

void Reconciler::push_charts(const ChartMirrorSpec& spec,
                             const std::set<std::string>& failed_images,
                             RegistrySettings& registries,
                             const std::vector<charts::images::ImageDestination>& mappings) {
  for (ChartWork& work : works_) {
    if (!work.loaded) continue;
    const bool dependencies_mirrored = push_dependencies(spec, work, registries);
    const LoadedChart& loaded = *work.loaded;
    const auto fail = [&](std::string ref, std::string message) {
      record(Failure{.ref = std::move(ref),
                     .chart = work.spec->name,
                     .reason = "ChartPushFailed",
                     .message = std::move(message)},
             "ChartFailed");
    };
    auto destination = charts::images::chart_destination(spec.destination.url, work.spec->name,
                                                         work.result.version);
    if (!destination.ok()) {
      fail(spec.destination.url, destination.error().describe());
      continue;
    }
    const ChartArchive archive{.archive = loaded.fetched.archive,
                               .config_json = loaded.tree.chart.metadata().to_json(),
                               .provenance = loaded.fetched.provenance,
                               .created = loaded.fetched.created};
    auto pushed = push_chart_archive(archive, *destination, registries, options_.dry_run);
    if (!pushed.ok()) {
      fail("oci://" + destination->str(), pushed.error().describe());
      continue;
    }
    if (pushed->would_push) {
      ++outcome_.stats.charts_to_push;
      continue;
    }
    ++(pushed->pushed ? outcome_.stats.charts_pushed : outcome_.stats.charts_present);
    work.result.destination = pushed->destination;
    work.result.digest = pushed->digest;
    work.result.mirrored =
        dependencies_mirrored &&
        std::none_of(work.images.begin(), work.images.end(), [&](const registry::Reference& image) {
          return failed_images.contains(image.str());
        });

    if (!spec.rewrite_values || options_.dry_run) continue;
    std::vector<charts::images::ImageDestination> own;
    for (const auto& mapping : mappings) {
      if (std::find(work.images.begin(), work.images.end(), mapping.source) != work.images.end()) {
        own.push_back(mapping);
      }
    }
    const ValuesRewriter rewriter =
        options_.rewrite_values ? options_.rewrite_values : chart_values_rewriter();
    auto rewritten = rewriter(loaded.tree, loaded.fetched, own);
    auto rewritten_destination = charts::images::rewritten_chart_destination(
        spec.destination.url, work.spec->name, work.result.version);
    if (!rewritten.ok() || !rewritten_destination.ok()) {
      work.result.mirrored = false;
      fail(work.spec->name, !rewritten.ok() ? rewritten.error().describe()
                                            : rewritten_destination.error().describe());
      continue;
    }
    const ChartArchive rewritten_archive{.archive = rewritten->archive,
                                         .config_json = rewritten->config_json,
                                         .created = loaded.fetched.created};
    auto pushed_rewritten =
        push_chart_archive(rewritten_archive, *rewritten_destination, registries);
    if (!pushed_rewritten.ok()) {
      work.result.mirrored = false;
      fail("oci://" + rewritten_destination->str(), pushed_rewritten.error().describe());
      continue;
    }
    work.result.rewritten_destination = pushed_rewritten->destination;
    work.result.rewritten_digest = pushed_rewritten->digest;
  }
}

bool Reconciler::push_dependencies(const ChartMirrorSpec& spec, ChartWork& work,
                                   RegistrySettings& registries) {
  bool all = true;
  const std::vector<charts::ResolvedChart>& tree = work.loaded->tree.charts;
  // tree[0] is the chart itself; vendored ones travel inside its archive.
  for (size_t i = 1; i < tree.size(); ++i) {
    const charts::ResolvedChart& dependency = tree[i];
    if (dependency.vendored || dependency.archive.empty()) continue;
    const auto fail = [&](std::string ref, std::string message) {
      all = false;
      record(Failure{.ref = std::move(ref),
                     .chart = work.spec->name,
                     .reason = "ChartPushFailed",
                     .message = "dependency " + dependency.name + " " + dependency.version + ": " +
                                std::move(message)},
             "ChartFailed");
    };
    auto destination = charts::images::chart_destination(spec.destination.url, dependency.name,
                                                         dependency.version);
    if (!destination.ok()) {
      fail(spec.destination.url, destination.error().describe());
      continue;
    }
    const std::string location = "oci://" + destination->str();
    if (const auto seen = dependencies_.find(location); seen != dependencies_.end()) {
      // Another chart of this sync depends on it too: pushed (or failed) once already.
      if (seen->second) ++work.result.dependencies;
      all = all && seen->second;
      continue;
    }
    bool& there = dependencies_[location];
    auto pushed = push_dependency(dependency, *destination, registries, options_.dry_run);
    if (!pushed.ok()) {
      fail(location, pushed.error().describe());
      continue;
    }
    if (pushed->would_push) {
      ++outcome_.stats.dependencies_to_push;
      continue;
    }
    ++(pushed->pushed ? outcome_.stats.dependencies_pushed : outcome_.stats.dependencies_present);
    ++work.result.dependencies;
    there = true;
  }
  return all;
}

}  // namespace

Result<Outcome, Error> reconcile(const ChartMirror& object, Cluster& cluster,
                                 const ReconcileOptions& options) {
  Reconciler reconciler(object, cluster, options);
  return reconciler.run();
}

}  // namespace chartmirror::controllers
