// Must die under UndefinedBehaviorSanitizer with -fno-sanitize-recover=all (registered with
// should_fail): proves that UBSan findings fail a test instead of printing a line and going
// on. Without UBSan, or with recovery, this program exits 0, and the test fails.
// SPDX-License-Identifier: BSL-1.0
#include <climits>

int main() {
  volatile int big = INT_MAX;  // unknown to the optimiser
  volatile int sink = big + 1;  // signed overflow
  (void)sink;
  return 0;
}
