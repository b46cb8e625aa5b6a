// RSA key generation (rsa_key.h): a sieved search for each prime, Miller-Rabin with OpenSSL's
// BIGNUM arithmetic, and the key assembled with EVP_PKEY_fromdata.
#include "charts/template/rsa_key.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/rand.h>

namespace chartmirror::charts::tmpl::sprig {
namespace {

constexpr BN_ULONG kPublicExponent = 65537;
// The sieve's small primes: those below this bound rule out about 88% of odd candidates
// before any modular exponentiation (Mertens: 2·e^−γ / ln 8192 ≈ 0.12 survive).
constexpr unsigned kSmallPrimeBound = 8192;
// How far (in even steps) from a random start the search for a prime goes before it draws a
// new start: primes near 2^1024 are about 710 apart, so a window rarely ends empty.
constexpr unsigned kWindow = 1U << 14;

using ossl::Bignum;
using ossl::BignumContext;
using ossl::Montgomery;

const std::vector<BN_ULONG>& small_odd_primes() {
  static const std::vector<BN_ULONG> kPrimes = [] {
    std::vector<bool> composite(kSmallPrimeBound, false);
    std::vector<BN_ULONG> primes;
    for (unsigned i = 3; i < kSmallPrimeBound; i += 2) {
      if (composite[i]) continue;
      primes.push_back(i);
      for (unsigned j = i * i; j < kSmallPrimeBound; j += 2 * i) composite[j] = true;
    }
    return primes;
  }();
  return kPrimes;
}

Bignum new_bignum() { return Bignum(BN_new()); }

// Miller-Rabin rounds for a prime of `bits` bits that is already known to pass base 2: more
// than FIPS 186-5 Table B.1 requires for RSA primes of 1024 bits and more.
int random_base_rounds(int bits) { return bits >= 2048 ? 6 : 8; }

// Whether odd n > 3 is a strong probable prime to base `a` (n − 1 = d·2^s).
enum class Witness : std::uint8_t { kProbablePrime, kComposite, kError };
Witness strong_probable_prime(const BIGNUM* a, const BIGNUM* n, const BIGNUM* n_minus_1,
                              const BIGNUM* d, int s, BN_CTX* ctx, BN_MONT_CTX* mont) {
  const Bignum x = new_bignum();
  if (x == nullptr || BN_mod_exp_mont(x.get(), a, d, n, ctx, mont) != 1) return Witness::kError;
  if (BN_is_one(x.get()) || BN_cmp(x.get(), n_minus_1) == 0) return Witness::kProbablePrime;
  for (int i = 1; i < s; ++i) {
    if (BN_mod_sqr(x.get(), x.get(), n, ctx) != 1) return Witness::kError;
    if (BN_cmp(x.get(), n_minus_1) == 0) return Witness::kProbablePrime;
    if (BN_is_one(x.get())) return Witness::kComposite;
  }
  return Witness::kComposite;
}

// Whether odd n (no small factors) is prime: base 2 first (it rules out nearly every
// composite, and is cheaper than a random base), then the random-base rounds.
Witness miller_rabin(const BIGNUM* n, int bits, BN_CTX* ctx) {
  const Montgomery mont(BN_MONT_CTX_new());
  const Bignum n_minus_1(BN_dup(n));
  const Bignum n_minus_3(BN_dup(n));
  const Bignum d = new_bignum();
  const Bignum a = new_bignum();
  if (mont == nullptr || n_minus_1 == nullptr || n_minus_3 == nullptr || d == nullptr ||
      a == nullptr || BN_MONT_CTX_set(mont.get(), n, ctx) != 1 ||
      BN_sub_word(n_minus_1.get(), 1) != 1 || BN_sub_word(n_minus_3.get(), 3) != 1) {
    return Witness::kError;
  }
  int s = 1;
  while (BN_is_bit_set(n_minus_1.get(), s) == 0) ++s;
  if (BN_rshift(d.get(), n_minus_1.get(), s) != 1 || BN_set_word(a.get(), 2) != 1) {
    return Witness::kError;
  }
  Witness w = strong_probable_prime(a.get(), n, n_minus_1.get(), d.get(), s, ctx, mont.get());
  for (int round = 0; w == Witness::kProbablePrime && round < random_base_rounds(bits); ++round) {
    // A base in [2, n − 2].
    if (BN_priv_rand_range_ex(a.get(), n_minus_3.get(), 0, ctx) != 1 ||
        BN_add_word(a.get(), 2) != 1) {
      return Witness::kError;
    }
    w = strong_probable_prime(a.get(), n, n_minus_1.get(), d.get(), s, ctx, mont.get());
  }
  return w;
}

// A prime of exactly `bits` bits with its top two bits set (so that p·q has 2·bits bits) and
// p − 1 prime to e. false on an OpenSSL failure or a stop.
bool find_prime(BIGNUM* p, int bits, BN_CTX* ctx, const std::atomic<bool>* stop) {
  const std::vector<BN_ULONG>& primes = small_odd_primes();
  std::vector<bool> ruled_out(kWindow / 2);
  const Bignum candidate = new_bignum();
  if (candidate == nullptr) return false;
  for (;;) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) return false;
    if (BN_priv_rand_ex(p, bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD, 0, ctx) != 1) return false;
    // Offset i stands for p + 2i; a small prime q rules out every q-th offset from the first
    // one where q divides.
    std::fill(ruled_out.begin(), ruled_out.end(), false);
    for (const BN_ULONG q : primes) {
      const BN_ULONG r = BN_mod_word(p, q);
      if (r == static_cast<BN_ULONG>(-1)) return false;
      // p + 2i ≡ 0 (mod q)  ⇔  i ≡ (q − r)·2⁻¹ (mod q), and 2⁻¹ = (q + 1)/2.
      const BN_ULONG first = ((q - r) % q) * ((q + 1) / 2) % q;
      for (BN_ULONG i = first; i < ruled_out.size(); i += q) ruled_out[i] = true;
    }
    for (std::size_t i = 0; i < ruled_out.size(); ++i) {
      if (ruled_out[i]) continue;
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) return false;
      if (BN_copy(candidate.get(), p) == nullptr ||
          BN_add_word(candidate.get(), static_cast<BN_ULONG>(2 * i)) != 1) {
        return false;
      }
      if (BN_num_bits(candidate.get()) != bits) break;  // ran past 2^bits: draw again
      const BN_ULONG e_residue = BN_mod_word(candidate.get(), kPublicExponent);
      if (e_residue == 1) continue;  // e divides p − 1
      switch (miller_rabin(candidate.get(), bits, ctx)) {
        case Witness::kProbablePrime:
          return BN_copy(p, candidate.get()) != nullptr;
        case Witness::kComposite:
          continue;
        case Witness::kError:
          return false;
      }
    }
  }
}

struct Factors {
  Bignum n, e, d, p, q, dp, dq, qinv;
};

enum class Completion : std::uint8_t { kDone, kDrawAgain, kError };

// n, d and the CRT values from p and q. d too small (FIPS 186-5 A.1.3) asks for new primes.
Completion complete(Factors& f, int bits, BN_CTX* ctx) {
  const Bignum p1 = new_bignum();
  const Bignum q1 = new_bignum();
  const Bignum gcd = new_bignum();
  const Bignum product = new_bignum();
  const Bignum lambda = new_bignum();
  f.n = new_bignum();
  f.e = new_bignum();
  f.dp = new_bignum();
  f.dq = new_bignum();
  if (p1 == nullptr || q1 == nullptr || gcd == nullptr || product == nullptr || lambda == nullptr ||
      f.n == nullptr || f.e == nullptr || f.dp == nullptr || f.dq == nullptr) {
    return Completion::kError;
  }
  BN_set_flags(f.p.get(), BN_FLG_CONSTTIME);
  BN_set_flags(f.q.get(), BN_FLG_CONSTTIME);
  BN_set_flags(p1.get(), BN_FLG_CONSTTIME);
  BN_set_flags(q1.get(), BN_FLG_CONSTTIME);
  BN_set_flags(lambda.get(), BN_FLG_CONSTTIME);
  if (BN_mul(f.n.get(), f.p.get(), f.q.get(), ctx) != 1 ||
      BN_set_word(f.e.get(), kPublicExponent) != 1 ||
      BN_sub(p1.get(), f.p.get(), BN_value_one()) != 1 ||
      BN_sub(q1.get(), f.q.get(), BN_value_one()) != 1 ||
      BN_gcd(gcd.get(), p1.get(), q1.get(), ctx) != 1 ||
      BN_mul(product.get(), p1.get(), q1.get(), ctx) != 1 ||
      BN_div(lambda.get(), nullptr, product.get(), gcd.get(), ctx) != 1) {
    return Completion::kError;
  }
  f.d.reset(BN_mod_inverse(nullptr, f.e.get(), lambda.get(), ctx));
  if (f.d == nullptr) return Completion::kError;
  if (BN_num_bits(f.d.get()) <= bits / 2) return Completion::kDrawAgain;
  BN_set_flags(f.d.get(), BN_FLG_CONSTTIME);
  f.qinv.reset(BN_mod_inverse(nullptr, f.q.get(), f.p.get(), ctx));
  const bool done = f.qinv != nullptr && BN_mod(f.dp.get(), f.d.get(), p1.get(), ctx) == 1 &&
                    BN_mod(f.dq.get(), f.d.get(), q1.get(), ctx) == 1;
  return done ? Completion::kDone : Completion::kError;
}

ossl::Key to_key(const Factors& f) {
  const ossl::ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (builder == nullptr) return nullptr;
  const std::array<std::pair<const char*, const BIGNUM*>, 8> fields{{
      {OSSL_PKEY_PARAM_RSA_N, f.n.get()},
      {OSSL_PKEY_PARAM_RSA_E, f.e.get()},
      {OSSL_PKEY_PARAM_RSA_D, f.d.get()},
      {OSSL_PKEY_PARAM_RSA_FACTOR1, f.p.get()},
      {OSSL_PKEY_PARAM_RSA_FACTOR2, f.q.get()},
      {OSSL_PKEY_PARAM_RSA_EXPONENT1, f.dp.get()},
      {OSSL_PKEY_PARAM_RSA_EXPONENT2, f.dq.get()},
      {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, f.qinv.get()},
  }};
  for (const auto& [name, value] : fields) {
    if (OSSL_PARAM_BLD_push_BN(builder.get(), name, value) != 1) return nullptr;
  }
  const ossl::Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  const ossl::KeyContext ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1) {
    return nullptr;
  }
  return ossl::Key(key);
}

}  // namespace

ossl::Key generate_rsa_key(int bits, const std::atomic<bool>* stop) {
  if (bits < 1024 || bits % 2 != 0) return nullptr;
  const BignumContext ctx(BN_CTX_secure_new());
  if (ctx == nullptr) return nullptr;
  const int prime_bits = bits / 2;
  for (;;) {
    Factors f{.p = Bignum(BN_secure_new()), .q = Bignum(BN_secure_new())};
    if (f.p == nullptr || f.q == nullptr || !find_prime(f.p.get(), prime_bits, ctx.get(), stop) ||
        !find_prime(f.q.get(), prime_bits, ctx.get(), stop)) {
      return nullptr;
    }
    const Bignum difference = new_bignum();
    if (difference == nullptr || BN_sub(difference.get(), f.p.get(), f.q.get()) != 1) {
      return nullptr;
    }
    if (BN_num_bits(difference.get()) <= prime_bits - 100) continue;  // p and q too close
    switch (complete(f, bits, ctx.get())) {
      case Completion::kDone:
        return to_key(f);
      case Completion::kDrawAgain:
        continue;
      case Completion::kError:
        return nullptr;
    }
  }
}

RsaKeyPool::RsaKeyPool(int bits, std::size_t count, unsigned workers)
    : bits_(bits), unclaimed_(count) {
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, count));
  workers_.reserve(workers);
  for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

RsaKeyPool::~RsaKeyPool() {
  stop_.store(true);
  for (std::thread& worker : workers_) worker.join();
}

ossl::Key RsaKeyPool::take() {
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (!ready_.empty()) {
        ossl::Key key = std::move(ready_.front());
        ready_.pop_front();
        key_ready_.store(!ready_.empty());
        return key;
      }
    }
    // Search here as well, and give up as soon as a worker has a key: the first of two
    // searches ends sooner than either (a search's length varies by a factor of several).
    ossl::Key key = generate_rsa_key(bits_, workers_.empty() ? nullptr : &key_ready_);
    if (key != nullptr || !key_ready_.load()) return key;  // a key, or OpenSSL failed
  }
}

void RsaKeyPool::work() {
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (unclaimed_ == 0 || stop_.load()) return;
      --unclaimed_;
    }
    ossl::Key key = generate_rsa_key(bits_, &stop_);
    if (key == nullptr) return;  // stopped, or OpenSSL failed: take() generates
    const std::lock_guard lock(mutex_);
    ready_.push_back(std::move(key));
    key_ready_.store(true);
  }
}

}  // namespace chartmirror::charts::tmpl::sprig
