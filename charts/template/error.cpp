#include "charts/template/error.h"

namespace chartmirror::charts::tmpl {

std::string TemplateError::describe() const {
  std::string out = "template: " + template_name + ":" + std::to_string(line);
  if (column >= 0) out += ":" + std::to_string(column);
  out += ": " + message;
  return out;
}

}  // namespace chartmirror::charts::tmpl
