// The seed's first diagram, y = x³ + x² through u = x³ and v = x², drawn at compile time as a
// Mermaid flowchart: docs/printing.md's code block verbatim (tools/check_docs.py), and the
// drawing it shows, compared character for character.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>

#include <cstdio>
#include <string_view>

constexpr tapeless::var<"x"> x;
constexpr auto u = tapeless::let<"u">(tapeless::pow<3>(x));
constexpr auto v = tapeless::let<"v">(tapeless::pow<2>(x));
constexpr auto y = tapeless::let<"y">(u + v);
constexpr auto drawing = tapeless::to_mermaid(y);  // built at compile time

// the ```mermaid block that follows the code in docs/printing.md
constexpr std::string_view shown = R"(flowchart TB
  subgraph fwd["computation graph"]
    direction BT
    f0["x"]
    f2["u = x^3"]
    f4["v = x^2"]
    f6["y = u + v"]
    f0 --> f2
    f0 --> f4
    f2 --> f6
    f4 --> f6
  end
  subgraph bwd["reverse sweep"]
    direction TB
    b6["y = u + v"]
    b4["v = x^2"]
    b2["u = x^3"]
    b0["x"]
    b6 -->|"∂y/∂u = 1"| b2
    b6 -->|"∂y/∂v = 1"| b4
    b4 -->|"∂v/∂x = 2*x"| b0
    b2 -->|"∂u/∂x = 3*x^2"| b0
  end
)";

int main() {
  std::printf("%s", drawing.c_str());
  return std::string_view(drawing) == shown ? 0 : 1;
}
