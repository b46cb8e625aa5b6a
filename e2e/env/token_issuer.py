#!/usr/bin/env python3
"""Test-only token issuer for Docker registry v2 token authentication.

CNCF Distribution (docker-registry 2.8) cannot check passwords itself when it
runs with `auth: token`: clients are sent to a separate token service, get a
signed JWT there, and present it as a Bearer token. The e2e tests need a
registry that behaves like the ones with real auth (Docker Hub, Harbor, ...), so
this script is that token service, kept to the standard library so the test
environment needs nothing beyond python3 and openssl.

NOT for production: passwords are read in plain text, every authenticated user
is granted every action it asks for, and there is no rate limiting.

How Distribution 2.8 verifies the token (registry/auth/token/token.go): iss and
aud must equal the configured issuer/service (aud must be a single JSON string,
not a list), exp/nbf are checked with 60 s leeway, and the signing key comes
from the JWT header: `x5c` is verified as a chain against `rootcertbundle`. A
self-signed cert that is itself in the bundle verifies, so we send x5c and need
no libtrust `kid`.

Usage:
  token_issuer.py --listen 127.0.0.1:5001 --key key.pem --cert cert.pem \
      --issuer ISSUER --service SERVICE --users users.txt   # lines "user:password"
"""
import argparse
import base64
import binascii
import hmac
import json
import re
import secrets
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN_TTL = 300


def b64url(data: bytes) -> str:
    # JWS uses unpadded base64url.
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_users(path):
    users = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line and not line.startswith("#") and ":" in line:
                user, password = line.split(":", 1)
                users[user] = password
    return users


def load_x5c(cert_path):
    # x5c wants standard (not url-safe) base64 DER, leaf first; a PEM file with
    # several certs is passed through in order so a chain works too.
    with open(cert_path, encoding="ascii") as f:
        pems = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", f.read(), re.S)
    if not pems:
        sys.exit(f"no certificate in {cert_path}")
    return ["".join(p.split()) for p in pems]


def parse_scopes(values):
    """'type:name:actions' -> {(type, name): [actions]}; several may be space-separated."""
    grants = {}
    for value in values:
        for scope in value.split():
            # Type never has ':', actions never have ':'; anything between is the name.
            typ, _, rest = scope.partition(":")
            name, _, actions = rest.rpartition(":")
            if not typ or not name:
                raise ValueError(f"malformed scope {scope!r}")
            acts = grants.setdefault((typ, name), [])
            acts += [a for a in actions.split(",") if a and a not in acts]
    return grants


class Handler(BaseHTTPRequestHandler):
    cfg = None  # argparse namespace + users/x5c, set in main()
    user = "-"

    def log_request(self, code="-", size="-"):
        # Own format: query strings and headers are never logged (no secrets).
        path = urlsplit(self.path or "").path
        sys.stderr.write(f"token_issuer: {self.command} {path} user={self.user} status={code}\n")

    def log_message(self, fmt, *args):
        sys.stderr.write("token_issuer: " + (fmt % args) + "\n")

    def reply(self, code, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain" if isinstance(body, bytes) else "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, code, err, message):
        hdrs = [("WWW-Authenticate", 'Basic realm="token_issuer"')] if code == 401 else []
        self.reply(code, {"errors": [{"code": err, "message": message}]}, hdrs)

    def authenticate(self):
        scheme, _, cred = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(cred.strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        expected = self.cfg.users.get(user)
        # Compare even for unknown users so timing does not reveal which exist.
        ok = hmac.compare_digest((expected or "\0").encode(), password.encode())
        return user if ok and expected is not None else None

    def do_GET(self):
        self.user = "-"  # the handler lives for a keep-alive connection, not a request
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.reply(200, b"ok")
        if url.path != "/token":
            return self.error(404, "NOT_FOUND", "unknown path")
        user = self.authenticate()
        if user is None:
            return self.error(401, "UNAUTHORIZED", "valid basic credentials required")
        self.user = user
        q = parse_qs(url.query)
        service = q.get("service", [self.cfg.service])[0]
        if service != self.cfg.service:
            # A token for another audience would be rejected by the registry anyway;
            # failing here makes a misconfigured test obvious.
            return self.error(400, "INVALID_REQUEST", f"unknown service {service!r}")
        if q.get("account", [user])[0] != user:
            return self.error(400, "INVALID_REQUEST", "account does not match credentials")
        try:
            grants = parse_scopes(q.get("scope", []))
        except ValueError as e:
            return self.error(400, "INVALID_REQUEST", str(e))
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": self.cfg.x5c}
        claims = {
            "iss": self.cfg.issuer, "sub": user, "aud": self.cfg.service,
            "exp": now + TOKEN_TTL, "nbf": now - 10, "iat": now, "jti": secrets.token_hex(16),
            "access": [{"type": t, "name": n, "actions": a} for (t, n), a in grants.items()],
        }
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
        # RS256 == RSASSA-PKCS1-v1_5 with SHA-256, which is exactly what `openssl dgst -sign` does.
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.cfg.key],
                             input=signing_input.encode(), capture_output=True)
        if sig.returncode != 0:
            self.log_message("openssl failed: %s", sig.stderr.decode(errors="replace").strip())
            return self.error(500, "INTERNAL", "signing failed")
        token = f"{signing_input}.{b64url(sig.stdout)}"
        issued = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        # Both names: Docker clients read "token", OAuth2-style clients "access_token".
        self.reply(200, {"token": token, "access_token": token,
                         "expires_in": TOKEN_TTL, "issued_at": issued})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for opt in ("listen", "key", "cert", "issuer", "service", "users"):
        p.add_argument("--" + opt, required=True)
    cfg = p.parse_args()
    cfg.users, cfg.x5c = load_users(cfg.users), load_x5c(cfg.cert)
    host, _, port = cfg.listen.rpartition(":")
    Handler.cfg = cfg
    server = ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    # SIGTERM -> SystemExit inside serve_forever, so the finally block closes the socket.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sys.stderr.write(f"token_issuer: listening on {cfg.listen}\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
