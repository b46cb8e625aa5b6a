// controllers/status.h — a ChartMirror's status as the CRD defines it (crds/README.md, "Added
// to the status"), built from what one reconcile found.
//
// Conditions are kstatus's: Ready, Reconciling and Stalled, each always present, with the
// generation they describe. A condition whose status did not change keeps its
// lastTransitionTime from the previous status (metav1.Condition's contract). Everything is cut
// to the CRD's bounds, since the API server refuses a whole status that exceeds one: at most
// kMaxFailures failures (images.failed keeps the full count), messages of at most 1024
// characters in failures.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "controllers/progress.h"
#include "controllers/spec.h"

namespace chartmirror::controllers {

inline constexpr size_t kMaxFailures = 20;
inline constexpr size_t kMaxFailureMessage = 1024;

struct Condition {
  std::string type;    // Ready, Reconciling, Stalled
  std::string status;  // "True", "False", "Unknown"
  std::string reason;  // CamelCase
  std::string message;
};

struct ChartResult {
  std::string name;  // as in the spec
  std::string version;
  std::string source;
  std::string destination;            // oci://…/charts/NAME:TAG; empty when it did not get there
  std::string digest;                 // of the manifest in the destination
  int images = 0;                     // images of the chart and its subcharts, after exclusion
  std::string rewritten_destination;  // spec.rewriteValues; empty when not pushed
  std::string rewritten_digest;
  int dependencies = 0;   // dependencies fetched from their repositories, now in the destination
  bool mirrored = false;  // the chart and all of its images are in the destination
};

struct Failure {
  std::string ref;     // the image or chart reference
  std::string chart;   // the spec's chart it belongs to; empty for extra images
  std::string reason;  // CamelCase class: NotFound, Unauthorized, ChartFetchFailed, ...
  std::string message;
};

struct ImageCounts {
  int total = 0;
  int mirrored = 0;
  int skipped = 0;
  int failed = 0;
};

// What a sync found; absent for a reconcile that did no sync (invalid spec, suspended).
struct SyncReport {
  size_t spec_charts = 0;  // charts in the spec
  std::vector<ChartResult> charts;
  ImageCounts images;
  std::vector<Failure> failures;  // all of them; make_status keeps the first kMaxFailures
};

// The conditions while a sync copies (kstatus): Ready as `previous` (the last status) has it,
// Unknown before any; Reconciling=True reason Progressing, progress_message(); not Stalled.
[[nodiscard]] std::vector<Condition> progress_conditions(const nlohmann::json& previous,
                                                         const Progress& progress);

// The status to write. Without a report, the previous status's sync fields (charts, images,
// failures, summary, lastSyncTime) are kept and only the conditions change.
[[nodiscard]] nlohmann::json make_status(const ChartMirror& object,
                                         const std::vector<Condition>& conditions,
                                         const SyncReport* report, std::string_view now);

}  // namespace chartmirror::controllers
