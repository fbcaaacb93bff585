// The umbrella header: everything the core offers. Freestanding-friendly: printing and graph
// export live in headers this one does not include.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/config.hpp>
#include <tapeless/constant.hpp>
#include <tapeless/env.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>
#include <tapeless/functions/abs_minmax.hpp>
#include <tapeless/functions/activation.hpp>
#include <tapeless/functions/exp.hpp>
#include <tapeless/functions/hyperbolic.hpp>
#include <tapeless/functions/hypot.hpp>
#include <tapeless/functions/inverse_trig.hpp>
#include <tapeless/functions/log.hpp>
#include <tapeless/functions/matrix.hpp>
#include <tapeless/functions/pow.hpp>
#include <tapeless/functions/reductions.hpp>
#include <tapeless/functions/select.hpp>
#include <tapeless/functions/sin_cos.hpp>
#include <tapeless/functions/special.hpp>
#include <tapeless/functions/sqrt.hpp>
#include <tapeless/functions/stop_gradient.hpp>
#include <tapeless/grad.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/hessian.hpp>
#include <tapeless/derivative.hpp>
#include <tapeless/jacobian.hpp>
#include <tapeless/let.hpp>
#include <tapeless/operators.hpp>
#include <tapeless/sparsity.hpp>
#include <tapeless/variable.hpp>
