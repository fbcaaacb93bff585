// tapeless, scalar variables: the problems with many inputs (tapeless_scalar.hpp), whose
// expressions have hundreds to about two thousand nodes.
// SPDX-License-Identifier: BSL-1.0
#include "tapeless_scalar.hpp"

namespace {
const bool registered = peers::add_all<
    peers::problem_list<peers::rosenbrock<100>, peers::dense, peers::lennard_jones>,
    peers::tapeless_gradient>("tapeless");
}  // namespace
