// controllers/reconciler.h — reconcile one ChartMirror: a pure function of (spec, what the
// registries hold) → (copies, status) (DESIGN.md), free of Kubernetes plumbing: the cluster is
// reached only through the Cluster port.
//
//   1. Validate (spec.h). Invalid: Stalled=True and Ready=False with reason InvalidSpec and a
//      message naming the field; nothing is copied and nothing is requeued — the next change
//      of the spec brings the next reconcile.
//   2. Suspended (spec.suspend): no work; Ready=Unknown reason Suspended; the last sync's
//      fields stay as they were; no requeue.
//   3. Read the Secrets the spec names (registry_settings.h). A missing one: Ready=False
//      reason SecretNotFound, retried after min(interval, kRetryAfterFailure).
//   4. Each chart: version resolved, loaded with its dependencies, values merged and rendered,
//      images discovered (chart_loading.h). spec.images.exclude removes images (counted in
//      images.skipped), spec.images.extra adds some; the destination of each image and chart
//      comes from charts/images destination.h, for the whole set at once.
//   5. Copy the images (image_copy.h) and push each chart's archive unchanged (chart_push.h).
//      What the destination has already costs a HEAD request per side and copies nothing, so
//      a second reconcile copies nothing. Each dependency that was fetched from its repository
//      (not vendored in the chart's archive) is pushed the same way, to where a chart of its
//      name goes (<destination>/charts/<name>:<version>), and counted in the chart's
//      status.charts[].dependencies; a chart is mirrored only when its dependencies are too.
//      While images copy, the status says how far they are (Reconciling=True reason
//      Progressing, progress.h's message; Ready as it was), at most once per
//      ReconcileOptions::progress_interval, so a sync faster than that writes no progress.
//   6. With spec.rewriteValues, each chart is also pushed with its values pointing at the
//      mirror (values_rewrite.h, charts/rewrite) to images::rewritten_chart_destination.
//   7. Status (status.h): Ready=True reason Mirrored, message "3 charts, 41 images", when every
//      chart and image is in the destination; otherwise Ready=False reason MirrorFailed
//      naming the failures, which are listed (bounded) in status.failures. Events: Reconciling
//      at the start, Mirrored on success, one Warning per failure class — except that a sync
//      of an object already Ready for its generation which copies nothing emits none. Requeue
//      after spec.interval (after a failure, after min(interval, kRetryAfterFailure)).
// The status is written with Cluster::patch_status and returned in the Outcome, with the
// events (also emitted) and what this sync did. An Error comes back only when the status could
// not be written: the caller retries with backoff.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "charts/deps/dependency_resolver.h"
#include "charts/error.h"
#include "charts/images/destination.h"
#include "charts/repo/fetched_chart.h"
#include "controllers/cluster.h"
#include "controllers/error.h"
#include "controllers/progress.h"
#include "controllers/registry_settings.h"
#include "controllers/spec.h"
#include "registry/copy/copy.h"
#include "support/result.h"

namespace chartmirror::controllers {

inline constexpr std::chrono::milliseconds kRetryAfterFailure = std::chrono::minutes(5);

// How spec.rewriteValues is done (values_rewrite.h; tests may replace it): a chart archive whose
// values pull every image from where `images` says it was copied. Given the chart as loaded and as
// fetched; returns the new archive and its Chart.yaml metadata as JSON.
struct RewrittenChart {
  std::string archive;
  std::string config_json;
};
using ValuesRewriter = std::function<Result<RewrittenChart, charts::Error>(
    const charts::ResolvedTree& tree, const charts::FetchedChart& fetched,
    const std::vector<charts::images::ImageDestination>& images)>;

struct ReconcileOptions {
  // The clock for lastSyncTime and condition transitions; empty: the system clock.
  std::function<std::chrono::system_clock::time_point()> now;
  size_t images_at_once = 4;
  // Retries and blob concurrency of each image copy; platforms and referrers come from the
  // spec.
  registry::copy::CopyOptions copy;
  ValuesRewriter rewrite_values;  // empty: chart_values_rewriter()
  // A docker config.json whose credentials apply where no Secret gives any (`mirror -f`
  // reads the user's); empty in the operator.
  std::string docker_config_json;
  // The Kubernetes version charts render for (.Capabilities.KubeVersion) when
  // spec.capabilities.kubeVersion is empty: the cluster's in the operator, --kube-version in
  // `mirror -f`; empty: Helm's default.
  std::string kube_version;
  // Copy and push nothing; find out what a sync would copy (SyncStats::*_to_copy). Ready is
  // True only when nothing would be copied.
  bool dry_run = false;
  // Told where the image copies stand at every report (progress.h): `mirror -f`'s progress
  // bar. Called from copy threads, one call at a time; keep it cheap.
  std::function<void(const Progress&)> on_progress;
  // The least time between two progress status patches, the first counted from the start of
  // the reconcile; 0: one at every report (tests). None during a dry run.
  std::chrono::milliseconds progress_interval = std::chrono::seconds(5);
  // Tests: the stores registries are opened as (RegistrySettings::set_store_opener); empty:
  // the registries themselves.
  RegistrySettings::StoreOpener open_store;
};

// What this reconcile did, for logs, metrics and `mirror -f` (status holds the state).
struct SyncStats {
  size_t images_copied = 0;        // images something was pushed for
  size_t images_present = 0;       // images the destination had already
  std::uint64_t bytes_copied = 0;  // blob bytes pushed for images
  size_t charts_pushed = 0;
  size_t charts_present = 0;
  size_t images_to_copy = 0;  // dry run: images the destination lacks
  size_t charts_to_push = 0;  // dry run
  // Dependencies fetched from their repositories, pushed beside the charts (each once a sync).
  size_t dependencies_pushed = 0;
  size_t dependencies_present = 0;
  size_t dependencies_to_push = 0;  // dry run
};

// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move, misread by tidy
struct Outcome {
  nlohmann::json status;  // as written through the Cluster port
  // When to reconcile again; nullopt: not until the object changes (invalid spec, suspend).
  std::optional<std::chrono::milliseconds> requeue_after;
  std::vector<Event> events;  // as emitted
  SyncStats stats;
};

[[nodiscard]] Result<Outcome, Error> reconcile(const ChartMirror& object, Cluster& cluster,
                                               const ReconcileOptions& options = {});

}  // namespace chartmirror::controllers
