#include "charts/values/yaml_graph.h"

#include <map>
#include <utility>

#include <yaml.h>

namespace chartmirror::charts::values::yaml {
namespace {

// Deeper nesting is refused, so that the recursive code that decodes, merges, prints and
// destroys values stays well within a thread's stack (about half a KiB a level; go-yaml v3
// stops at 10000 levels, v2 nowhere, as Go's stacks grow). No chart comes near.
constexpr std::size_t kMaxDepth = 1000;

std::string_view text_of(const yaml_char_t* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

// One libyaml parser over a text it does not own.
class EventParser {
 public:
  explicit EventParser(std::string_view text) {
    ready_ = yaml_parser_initialize(&parser_) != 0;
    // go-yaml's newParser reads an empty input as a single line break.
    static constexpr unsigned char kLineBreak[] = "\n";
    if (text.empty()) {
      yaml_parser_set_input_string(&parser_, kLineBreak, 1);
    } else {
      yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                   text.size());
    }
  }
  ~EventParser() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;
  EventParser(EventParser&&) = delete;
  EventParser& operator=(EventParser&&) = delete;

  // The next event, valid until the next call; null on a syntax error (see error()).
  const yaml_event_t* next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = ready_ && yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }

  // go-yaml's parser.fail().
  [[nodiscard]] std::string error() const {
    std::size_t line = 0;
    if (parser_.problem_mark.line != 0) {
      line = parser_.problem_mark.line;
      // Scanner errors do not count the line they are on.
      if (parser_.error == YAML_SCANNER_ERROR) ++line;
    } else if (parser_.context_mark.line != 0) {
      line = parser_.context_mark.line;
    }
    std::string out;
    if (line != 0) out = "line " + std::to_string(line) + ": ";
    const std::string_view problem = parser_.problem != nullptr ? parser_.problem : "";
    out += problem.empty() ? "unknown problem parsing YAML content" : problem;
    return out;
  }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool ready_ = false;
  bool has_event_ = false;
};

class Builder {
 public:
  Graph graph;

  // Adds a node, as the root or as the next child of the open collection.
  Status<std::string> add(RawNode node, const yaml_char_t* anchor) {
    const std::size_t index = graph.nodes.size();
    if (anchor != nullptr) {
      // Registered before the children arrive, so an alias inside its own anchor is seen
      // (and refused when decoded); a later anchor of the same name replaces it.
      node.anchor = std::string(text_of(anchor));
      anchors_.insert_or_assign(node.anchor, index);
    }
    const bool collection =
        node.kind == RawNode::Kind::kSequence || node.kind == RawNode::Kind::kMapping;
    graph.nodes.push_back(std::move(node));
    if (open_.empty()) {
      graph.root = index;
    } else {
      graph.nodes[open_.back()].children.push_back(index);
    }
    if (collection) {
      if (open_.size() >= kMaxDepth) {
        return "exceeded max depth of " + std::to_string(kMaxDepth);
      }
      open_.push_back(index);
    }
    return Done{};
  }

  void close() { open_.pop_back(); }

  Status<std::string> alias(const yaml_char_t* name) {
    const auto found = anchors_.find(text_of(name));
    if (found == anchors_.end()) {
      return "unknown anchor '" + std::string(text_of(name)) + "' referenced";
    }
    return add(RawNode{.kind = RawNode::Kind::kAlias, .target = found->second}, nullptr);
  }

 private:
  std::vector<std::size_t> open_;
  std::map<std::string, std::size_t, std::less<>> anchors_;
};

// The tag of a node as go::resolve_yaml_scalar expects it.
std::string tag_of(const yaml_char_t* tag, bool plain) {
  if (tag != nullptr) return std::string(text_of(tag));
  return plain ? "?" : "!";
}

}  // namespace

Result<Graph, std::string> read_first_document(std::string_view text) {
  EventParser parser(text);
  Builder builder;
  while (true) {
    const yaml_event_t* event = parser.next();
    if (event == nullptr) return parser.error();
    Status<std::string> added = Done{};
    switch (event->type) {
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        return std::move(builder.graph);
      case YAML_ALIAS_EVENT:
        added = builder.alias(event->data.alias.anchor);
        break;
      case YAML_SCALAR_EVENT: {
        const auto& scalar = event->data.scalar;
        added = builder.add(
            RawNode{
                .kind = RawNode::Kind::kScalar,
                .tag = tag_of(scalar.tag, scalar.plain_implicit != 0),
                .value = std::string(reinterpret_cast<const char*>(scalar.value), scalar.length)},
            scalar.anchor);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        added = builder.add(RawNode{.kind = RawNode::Kind::kSequence,
                                    .tag = tag_of(event->data.sequence_start.tag, true)},
                            event->data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        added = builder.add(RawNode{.kind = RawNode::Kind::kMapping,
                                    .tag = tag_of(event->data.mapping_start.tag, true)},
                            event->data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        builder.close();
        break;
      default:  // stream and document start
        break;
    }
    if (!added.ok()) return added.error();
  }
}

}  // namespace chartmirror::charts::values::yaml
