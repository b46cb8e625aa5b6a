// charts/repo/fetched_chart.h — a chart as a source hands it over: which one, from where, and
// its archive's bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace chartmirror::charts {

struct FetchedChart {
  enum class Kind {
    kRepository,  // a classic HTTP repository (index.yaml)
    kOci,         // an OCI registry
    kArchive,     // a local .tgz file
    kDirectory,   // a local chart directory: no archive; the chart model reads the files
  };

  Kind kind = Kind::kRepository;
  // The chart's name and chosen version as the source lists them (the OCI tag read with '+');
  // empty for local charts, whose Chart.yaml is the chart model's to read.
  std::string name;
  std::string version;
  // Where the archive came from, without credentials: the chart's URL, the OCI reference with
  // the manifest's digest (oci://host/path/name:tag@sha256:…), or the absolute local path.
  std::string source;
  std::string archive;                    // the .tgz as fetched; empty for a directory
  std::string digest;                     // "sha256:<hex>" of archive, verified where the
                                          // source names one; empty for a directory, and
                                          // for an archive when the options ask for none
  std::optional<std::string> provenance;  // the .prov file, when the source has one
  // The org.opencontainers.image.created time to push the chart with (created_time.h), chosen
  // so that mirroring the same chart twice writes the same manifest: the index entry's
  // `created`, the source manifest's own annotation, or a local file's modification time (what
  // helm push stamps). Empty when the source says nothing.
  std::string created;
  std::filesystem::path path;  // the local file or directory; empty otherwise
};

}  // namespace chartmirror::charts
