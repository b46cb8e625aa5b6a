// charts/engine/functions.h — the functions Helm 3.17 gives templates (pkg/engine/funcs.go and
// engine.go initFunMap): Sprig's, without env and expandenv, and then Helm's own:
//   toYaml mustToYaml fromYaml fromYamlArray toJson mustToJson fromJson fromJsonArray toToml
//     — fromYaml/fromJson return a map holding "Error" on bad input, the Array forms a list
//     holding the error text; the encoders drop the type markers of Go objects (go_type.h);
//   include NAME DATA — executes template NAME of the running set; a name nested more than
//     1000 times fails ("rendering template has a nested reference name: NAME: unable to
//     execute template");
//   tpl TEXT DATA — parses TEXT as the template "gotpl" in a copy of the running set (so its
//     {{define}}s reach its own includes) and executes it; "<no value>" is removed;
//   required MSG VALUE, fail MSG — fail with MSG between Helm's HELM_ERR_START/HELM_ERR_END
//     markers, which the engine's error reformatting (render.h) finds;
//   lookup — always an empty map (no cluster); getHostByName — "" (DNS lookups disabled).
//
// Divergences: fromYaml/fromJson error texts come from this project's readers, not from Go's
// (same cases, other words); toToml supports maps of scalars, lists of scalars and nested
// maps (tables), and is "" for the rest (BurntSushi/toml writes arrays of tables too).
#pragma once

#include <memory>

#include "charts/template/executor.h"
#include "charts/template/parser.h"
#include "charts/template/sprig.h"

namespace chartmirror::charts::engine {

inline constexpr std::string_view kHelmErrStart = "HELM_ERR_START";
inline constexpr std::string_view kHelmErrEnd = "HELM_ERR_END";

// The functions of one render (include's nesting counts are per map). `names` receives the
// names of the functions, for the parser; tpl parses with it, so it must outlive the map.
// `rsa_2048_keys` (optional, outliving the map too) supplies genCA's and genSignedCert's keys.
[[nodiscard]] tmpl::FunctionMap helm_functions(tmpl::FunctionNames& names,
                                               tmpl::sprig::RsaKeyPool* rsa_2048_keys = nullptr);

}  // namespace chartmirror::charts::engine
