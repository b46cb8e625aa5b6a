// operator/cli/copy_command.h — `chartmirror copy`: images between registries and OCI layout
// directories, digest-exact.
//
//   chartmirror copy SRC DST [--platform os/arch[/variant]]... [--all-referrers]
//   chartmirror copy -f PAIRS            one "SRC DST" pair per line (# comments, blank lines)
//   registry flags: --registry-config FILE, --plain-http, --insecure
//
// Pairs are copied in one process, several images at once and several blobs per image. On a
// terminal a progress line is redrawn on stderr; otherwise one summary line goes to stdout.
// Exit: 0 every image copied, 1 one or more failed (each named on stderr), 2 bad usage or
// input (a malformed reference or pairs file, an unreadable registry config).
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

[[nodiscard]] int run_copy(std::span<const std::string_view> args, std::ostream& out,
                           std::ostream& err);

}  // namespace chartmirror::cli
