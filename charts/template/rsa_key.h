// charts/template/rsa_key.h — RSA private keys for the Sprig key and certificate functions:
// two primes and e = 65537, as Go's rsa.GenerateKey makes them, found several times faster
// than OpenSSL 3.0's own generator, and a pool that finds them ahead of use on spare cores.
//
// Why not EVP_PKEY_keygen: for 2048 bits and more with e = 65537, OpenSSL 3.0 takes its SP
// 800-56B path, which runs a constant-time gcd on every candidate before any trial division
// (two thirds of its time) and then 64 Miller-Rabin rounds on each prime: about 3× the time
// of Go's generator, and a chart that makes five certificates waits a second for them. Here
// candidates are sieved by the small primes first; the survivors are tested by Miller-Rabin
// with random bases, more rounds than FIPS 186-5 Table B.1 asks for primes of these sizes.
// The key meets FIPS 186-5 A.1.3's other conditions: p and q at least √2·2^(nlen/2−1) (the
// modulus has exactly nlen bits), |p−q| > 2^(nlen/2−100), gcd(e, p−1) = gcd(e, q−1) = 1,
// d = e⁻¹ mod lcm(p−1, q−1) and d > 2^(nlen/2).
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "charts/template/sprig_openssl.h"

namespace chartmirror::charts::tmpl::sprig {

// A new RSA key with a modulus of `bits` bits (at least 1024, a multiple of 2), or nullptr
// when OpenSSL fails or `stop` becomes true (checked between candidates).
[[nodiscard]] ossl::Key generate_rsa_key(int bits, const std::atomic<bool>* stop = nullptr);

// Keys of one size generated ahead of use by background threads: a render whose templates
// call genCA or genSignedCert five times gets up to five keys found on the other cores while
// it parses and executes. With no key ready, take() searches too and returns whichever key
// comes first, its own or a worker's. The destructor abandons the searches in progress and
// joins the workers, so a pool lives no longer than the render that owns it.
class RsaKeyPool {
 public:
  // At most `count` keys of `bits`, found by `workers` threads (none: take() generates).
  RsaKeyPool(int bits, std::size_t count, unsigned workers);
  RsaKeyPool(const RsaKeyPool&) = delete;
  RsaKeyPool& operator=(const RsaKeyPool&) = delete;
  RsaKeyPool(RsaKeyPool&&) = delete;
  RsaKeyPool& operator=(RsaKeyPool&&) = delete;
  ~RsaKeyPool();

  // A key found ahead, or a new one; nullptr only when OpenSSL fails.
  [[nodiscard]] ossl::Key take();
  [[nodiscard]] int bits() const { return bits_; }

 private:
  void work();

  const int bits_;
  std::mutex mutex_;
  std::size_t unclaimed_;  // keys of the count that no worker has begun
  std::deque<ossl::Key> ready_;
  std::atomic<bool> key_ready_{false};  // !ready_.empty(), for take()'s own search to stop on
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;
};

}  // namespace chartmirror::charts::tmpl::sprig
