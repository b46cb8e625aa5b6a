// Sprig's key and certificate functions (crypto.go), with OpenSSL: genPrivateKey, genCA,
// genCAWithKey, genSelfSignedCert, genSelfSignedCertWithKey, genSignedCert,
// genSignedCertWithKey, buildCustomCert.
//
// What Sprig makes, made the same way:
//   - genPrivateKey "rsa" (or ""): RSA 4096, PEM "RSA PRIVATE KEY" (PKCS#1); "ecdsa": P-256,
//     "EC PRIVATE KEY" (SEC 1); "ed25519": "PRIVATE KEY" (PKCS#8); "dsa": L2048 N256,
//     "DSA PRIVATE KEY" (the SEQUENCE of version p q g y x). Any other type: "Unknown type T".
//   - certificates: X.509 v3, a random 128-bit serial, subject CN only, valid from now for
//     daysValid * 24h, key usage (critical) digitalSignature + keyEncipherment (+ keyCertSign
//     for a CA), extended key usage serverAuth + clientAuth, basic constraints (critical) with
//     CA true only for genCA, SANs from the IP and DNS lists, a subject key id for a CA and the
//     issuer's key id as authority key id on a signed certificate (Go's x509 defaults), signed
//     with SHA-256 (RSA, ECDSA) or Ed25519. New keys are RSA 2048 (rsa_key.h makes them).
// The object Go returns is a struct {Cert, Key}; here a map with those keys, which templates
// read the same (`$ca.Cert`). Divergences: genSignedCert accepts any map with Cert and Key
// (Go requires the struct genCA returns), and error texts about malformed PEM or DER input are
// OpenSSL's, not Go's x509 package's.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "charts/template/rsa_key.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/template/sprig_openssl.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

using ossl::Bignum;
using ossl::Bio;
using ossl::Cert;
using ossl::Extension;
using ossl::Key;
using ossl::KeyContext;

Key generate_dsa() {
  const KeyContext pctx(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr));
  EVP_PKEY* params = nullptr;
  if (pctx == nullptr || EVP_PKEY_paramgen_init(pctx.get()) != 1 ||
      EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx.get(), 2048) != 1 ||
      EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx.get(), 256) != 1 ||
      EVP_PKEY_paramgen(pctx.get(), &params) != 1) {
    return nullptr;
  }
  const Key parameters(params);
  const KeyContext kctx(EVP_PKEY_CTX_new_from_pkey(nullptr, parameters.get(), nullptr));
  EVP_PKEY* key = nullptr;
  if (kctx == nullptr || EVP_PKEY_keygen_init(kctx.get()) != 1 ||
      EVP_PKEY_keygen(kctx.get(), &key) != 1) {
    return nullptr;
  }
  return Key(key);
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

// pemBlockForKey: PKCS#1, SEC 1 and DSA's own form for those types, PKCS#8 for the others.
std::optional<std::string> key_pem(EVP_PKEY* key) {
  const Bio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr) return std::nullopt;
  const int id = EVP_PKEY_get_base_id(key);
  const bool traditional = id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_DSA;
  const int ok =
      traditional ? PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0,
                                                         nullptr, nullptr)
                  : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  if (ok != 1) return std::nullopt;
  return bio_text(bio.get());
}

// The type of the first PEM block of `text` ("RSA PRIVATE KEY"); nullopt without one.
std::optional<std::string> pem_type(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  const std::size_t begin = text.find(kBegin);
  if (begin == std::string_view::npos) return std::nullopt;
  const std::size_t end = text.find("-----", begin + kBegin.size());
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(text.substr(begin + kBegin.size(), end - begin - kBegin.size()));
}

// parsePrivateKeyPEM.
Result<Key, GoError> parse_key(const std::string& pem) {
  const auto type = pem_type(pem);
  if (!type) return GoError{"no PEM data in input"};
  if (*type != "PRIVATE KEY" && !type->ends_with(" PRIVATE KEY")) {
    return GoError{"no private key data in PEM block of type " + *type};
  }
  if (*type != "PRIVATE KEY" && *type != "RSA PRIVATE KEY" && *type != "EC PRIVATE KEY" &&
      *type != "DSA PRIVATE KEY") {
    return GoError{"invalid private key type " + *type};
  }
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) return GoError{"parsing " + *type + " from PEM failed"};
  return key;
}

Result<Cert, GoError> parse_cert(const std::string& pem, std::string_view what) {
  if (!pem_type(pem)) return GoError{"unable to decode certificate"};
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    return GoError{"error parsing certificate: " + std::string(what) + ": malformed certificate"};
  }
  return cert;
}

struct Request {
  std::string cn;
  std::vector<std::string> ips;
  std::vector<std::string> dns;
  std::int64_t days = 0;
  bool ca = false;
};

bool add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  const Extension ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  return ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1;
}

// getCertAndKey: `key`'s certificate, signed by `signer_key` as `issuer` (the new
// certificate itself when null).
Result<Value, GoError> make_certificate(const Request& r, EVP_PKEY* key, X509* issuer,
                                        EVP_PKEY* signer_key) {
  if (EVP_PKEY_get_base_id(signer_key) == EVP_PKEY_DSA) {
    return GoError{
        "error creating certificate: x509: certificate private key does not implement "
        "crypto.Signer"};
  }
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_DSA) {
    return GoError{"error creating certificate: x509: unsupported public key type: *dsa.PublicKey"};
  }
  const Cert cert(X509_new());
  const Bignum serial(BN_new());
  bool ok = cert != nullptr && serial != nullptr && X509_set_version(cert.get(), 2) == 1 &&
            BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
            BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr;
  X509_NAME* name = ok ? X509_get_subject_name(cert.get()) : nullptr;
  ok = ok && (r.cn.empty() ||
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(r.cn.data()),
                                         static_cast<int>(r.cn.size()), -1, 0) == 1);
  X509* parent = issuer != nullptr ? issuer : cert.get();
  ok = ok && X509_set_issuer_name(cert.get(), X509_get_subject_name(parent)) == 1 &&
       X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr &&
       X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(r.days), 0, nullptr) !=
           nullptr &&
       X509_set_pubkey(cert.get(), key) == 1;
  if (!ok) return GoError{"error creating certificate"};
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, parent, cert.get(), nullptr, nullptr, 0);
  std::string san;
  // Go's order: DNS names, then IP addresses.
  for (const std::string& dns : r.dns) san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  for (const std::string& ip : r.ips) san += (san.empty() ? "IP:" : ",IP:") + ip;
  ok = add_extension(cert.get(), &ctx, NID_key_usage,
                     r.ca ? "critical,digitalSignature,keyEncipherment,keyCertSign"
                          : "critical,digitalSignature,keyEncipherment") &&
       add_extension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth,clientAuth") &&
       add_extension(cert.get(), &ctx, NID_basic_constraints,
                     r.ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
       (!r.ca || add_extension(cert.get(), &ctx, NID_subject_key_identifier, "hash")) &&
       (issuer == nullptr || X509_get0_subject_key_id(issuer) == nullptr ||
        add_extension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always")) &&
       // Go marks the SANs critical when the subject is empty (RFC 5280 4.2.1.6).
       (san.empty() || add_extension(cert.get(), &ctx, NID_subject_alt_name,
                                     (r.cn.empty() ? "critical," : "") + san));
  if (!ok) return GoError{"error creating certificate: bad extension"};
  const bool ed = EVP_PKEY_get_base_id(signer_key) == EVP_PKEY_ED25519;
  if (X509_sign(cert.get(), signer_key, ed ? nullptr : EVP_sha256()) <= 0) {
    return GoError{"error creating certificate: signing failed"};
  }
  const Bio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
    return GoError{"error pem-encoding certificate"};
  }
  auto key_text = key_pem(key);
  if (!key_text) return GoError{"error pem-encoding key"};
  return Value::map({{"Cert", Value(bio_text(bio.get()))}, {"Key", Value(*key_text)}});
}

// getNetIPs and getAlternateDNSStrs: every element must be a string (and an IP).
Result<std::vector<std::string>, GoError> strings_of(const Value& list, bool ips) {
  std::vector<std::string> out;
  for (const Value& item : list.as_list()) {
    if (!item.is_string()) {
      return GoError{ips ? "error parsing ip: " + values::format_go(item) + " is not a string"
                         : "error processing alternate dns name: " + values::format_go(item) +
                               " is not a string"};
    }
    if (ips) {
      unsigned char buf[16];
      const std::string& s = item.as_string();
      if (inet_pton(AF_INET, s.c_str(), buf) != 1 && inet_pton(AF_INET6, s.c_str(), buf) != 1) {
        return GoError{"error parsing ip: " + s};
      }
    }
    out.push_back(item.as_string());
  }
  return out;
}

Result<Request, GoError> request(const Args& a, bool with_sans) {
  Request r;
  r.cn = a[0].value().as_string();
  if (with_sans) {
    auto ips = strings_of(a[1].value(), true);
    if (!ips.ok()) return ips.error();
    auto dns = strings_of(a[2].value(), false);
    if (!dns.ok()) return dns.error();
    r.ips = std::move(*ips);
    r.dns = std::move(*dns);
    r.days = a[3].value().as_int();
  } else {
    r.days = a[1].value().as_int();
    r.ca = true;
  }
  return r;
}

FunctionResult to_result(Result<Value, GoError> made) {
  if (!made.ok()) return made.error().message;
  return ExecValue(std::move(*made));
}

// A new RSA 2048 key (from the render's pool when it has one), or the key of a PEM argument.
Result<Key, GoError> signee_key(const Args& a, std::optional<std::size_t> pem_arg,
                                RsaKeyPool* keys) {
  if (!pem_arg) {
    Key key = keys != nullptr ? keys->take() : generate_rsa_key(2048);
    if (key == nullptr) return GoError{"error generating rsa key"};
    return key;
  }
  auto key = parse_key(a[*pem_arg].value().as_string());
  if (!key.ok()) return GoError{"parsing private key: " + key.error().message};
  return key;
}

FunctionResult self_signed(const Args& a, bool with_sans, std::optional<std::size_t> pem_arg,
                           RsaKeyPool* keys) {
  auto r = request(a, with_sans);
  if (!r.ok()) return r.error().message;
  auto key = signee_key(a, pem_arg, keys);
  if (!key.ok()) return key.error().message;
  return to_result(make_certificate(*r, key->get(), nullptr, key->get()));
}

FunctionResult signed_by_ca(const Args& a, std::optional<std::size_t> pem_arg, RsaKeyPool* keys) {
  auto r = request(a, true);
  if (!r.ok()) return r.error().message;
  auto key = signee_key(a, pem_arg, keys);
  if (!key.ok()) return key.error().message;
  const Value& ca = a[4].value();
  const Value* ca_cert = ca.find("Cert");
  const Value* ca_key = ca.find("Key");
  const std::string cert_pem =
      ca_cert != nullptr && ca_cert->is_string() ? ca_cert->as_string() : "";
  const std::string key_pem_text =
      ca_key != nullptr && ca_key->is_string() ? ca_key->as_string() : "";
  auto issuer = parse_cert(cert_pem, "decodedSignerCert.Bytes");
  if (!issuer.ok()) return issuer.error().message;
  auto signer = parse_key(key_pem_text);
  if (!signer.ok()) return "error parsing private key: " + signer.error().message;
  return to_result(make_certificate(*r, key->get(), issuer->get(), signer->get()));
}

FunctionResult private_key(const std::string& type) {
  Key key;
  if (type.empty() || type == "rsa") {
    key = generate_rsa_key(4096);
  } else if (type == "dsa") {
    key = generate_dsa();
  } else if (type == "ecdsa") {
    key = Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  } else if (type == "ed25519") {
    key = Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  } else {
    return ExecValue(Value("Unknown type " + type));
  }
  if (key == nullptr) return ExecValue(Value("failed to generate private key"));
  auto pem = key_pem(key.get());
  return ExecValue(Value(pem ? *pem : std::string()));
}

FunctionResult custom_cert(const std::string& b64cert, const std::string& b64key) {
  auto cert = base64_decode_go(b64cert);
  if (!cert.ok()) return std::string("unable to decode base64 certificate");
  auto key = base64_decode_go(b64key);
  if (!key.ok()) return std::string("unable to decode base64 private key");
  auto parsed = parse_cert(*cert, "decodedCert.Bytes");
  if (!parsed.ok()) return parsed.error().message;
  auto parsed_key = parse_key(*key);
  if (!parsed_key.ok()) return "error parsing private key: " + parsed_key.error().message;
  return ExecValue(Value::map({{"Cert", Value(*cert)}, {"Key", Value(*key)}}));
}

}  // namespace

void add_certs(FunctionMap& m, RsaKeyPool* keys) {
  using P = ParamType;
  m["genPrivateKey"] = fixed(
      {P::kString}, [](CallContext&, Args& a) { return private_key(a[0].value().as_string()); });
  m["genCA"] = fixed({P::kString, P::kInt}, [keys](CallContext&, Args& a) {
    return self_signed(a, false, std::nullopt, keys);
  });
  m["genCAWithKey"] = fixed({P::kString, P::kInt, P::kString}, [](CallContext&, Args& a) {
    return self_signed(a, false, 2, nullptr);
  });
  m["genSelfSignedCert"] =
      fixed({P::kString, P::kList, P::kList, P::kInt},
            [keys](CallContext&, Args& a) { return self_signed(a, true, std::nullopt, keys); });
  m["genSelfSignedCertWithKey"] =
      fixed({P::kString, P::kList, P::kList, P::kInt, P::kString},
            [](CallContext&, Args& a) { return self_signed(a, true, 4, nullptr); });
  m["genSignedCert"] =
      fixed({P::kString, P::kList, P::kList, P::kInt, P::kMap},
            [keys](CallContext&, Args& a) { return signed_by_ca(a, std::nullopt, keys); });
  m["genSignedCertWithKey"] =
      fixed({P::kString, P::kList, P::kList, P::kInt, P::kMap, P::kString},
            [](CallContext&, Args& a) { return signed_by_ca(a, 5, nullptr); });
  m["buildCustomCert"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) {
    return custom_cert(a[0].value().as_string(), a[1].value().as_string());
  });
}

}  // namespace chartmirror::charts::tmpl::sprig

namespace chartmirror::charts::tmpl {

std::size_t count_rsa_2048_calls(std::string_view text) {
  auto identifier = [](char c) {
    return (std::isalnum(static_cast<unsigned char>(c)) != 0) || c == '_';
  };
  std::size_t count = 0;
  for (const std::string_view name : {"genCA", "genSelfSignedCert", "genSignedCert"}) {
    for (std::size_t at = text.find(name); at != std::string_view::npos;
         at = text.find(name, at + name.size())) {
      const std::size_t end = at + name.size();
      if ((at == 0 || !identifier(text[at - 1])) &&
          (end == text.size() || !identifier(text[end]))) {
        ++count;
      }
    }
  }
  return count;
}

}  // namespace chartmirror::charts::tmpl
