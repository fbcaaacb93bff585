// tapeless, scalar variables: the problems with few inputs (tapeless_scalar.hpp).
// SPDX-License-Identifier: BSL-1.0
#include "tapeless_scalar.hpp"

namespace {
const bool registered = peers::add_all<
    peers::problem_list<peers::cubic, peers::sinc, peers::dot4, peers::rosenbrock<2>,
                        peers::rosenbrock<10>, peers::powell, peers::helical, peers::wood,
                        peers::beale, peers::box3d, peers::black_scholes>,
    peers::tapeless_gradient>("tapeless");
}  // namespace
