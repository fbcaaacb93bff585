// Must die under AddressSanitizer (registered with should_fail): proves that the sanitizer
// configuration of the CI matrix instruments the tests and that a finding fails a test.
// Without ASan this program exits 0, and the test fails. The access goes through a pointer,
// out of reach of UBSan's array-bounds check, so that only ASan can catch it.
// SPDX-License-Identifier: BSL-1.0
int main() {
  int a[4] = {1, 2, 3, 4};
  int* volatile p = a;  // unknown to the optimiser
  volatile int sink = p[4];  // one past the end
  (void)sink;
  return 0;
}
