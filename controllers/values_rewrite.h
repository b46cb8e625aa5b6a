// controllers/values_rewrite.h — spec.rewriteValues: the chart pushed a second time, its values
// pointing every image at the mirror (charts/rewrite).
//
// The images the values name are found by a values scan of the chart's default values
// (charts/images discover_images: the rewrite changes defaults). Each is pointed at the
// repository its deployed image was copied to — the mapping of the sync, looked up by source
// repository, so that the rewritten chart pulls exactly where the copy wrote, whatever tag its
// templates then add. A values image whose repository was not copied (a component switched
// off in this sync) keeps its source.
#pragma once

#include "controllers/reconciler.h"

namespace chartmirror::controllers {

[[nodiscard]] ValuesRewriter chart_values_rewriter();

}  // namespace chartmirror::controllers
