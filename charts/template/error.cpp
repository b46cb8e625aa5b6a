#include "charts/template/error.h"

namespace chartmirror::charts::tmpl {

std::string TemplateError::describe() const {
  if (line <= 0) {
    // An error at no position: "template: NAME: MESSAGE", or Go's own wording when there is no
    // template name ("template: no template \"x\" associated with ...").
    return "template: " + (template_name.empty() ? message : template_name + ": " + message);
  }
  std::string out = "template: " + template_name + ":" + std::to_string(line);
  if (column >= 0) out += ":" + std::to_string(column);
  out += ": " + message;
  return out;
}

}  // namespace chartmirror::charts::tmpl
