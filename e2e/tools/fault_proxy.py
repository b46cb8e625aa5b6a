#!/usr/bin/env python3
"""Test-only fault-injecting HTTP/1.1 reverse proxy, put between a registry client and a
registry to check that the client retries correctly.

Usage:
  fault_proxy.py --listen 127.0.0.1:PORT --upstream 127.0.0.1:UPORT [--seed N] \
      --faults close-mid-blob=0.2,status500=0.1,status429=0.1,retry-after=1,max-per-path=2

Each request from the client (keep-alive is honoured) is read with its body (Content-Length or
chunked) and, unless a fault is injected, forwarded to the upstream over a fresh connection; the
response is streamed back. The faults (SPEC, comma separated KEY=VALUE):

  status500=P       answer 500 (a Distribution-style JSON error, code UNKNOWN) without forwarding
  status429=P       answer 429 with `Retry-After: N` (code TOOMANYREQUESTS) without forwarding
  close-mid-blob=P  GET /v2/<name>/blobs/<digest> only: forward, and close the client connection
                    after sending half of the response body (only when there is a body)
  retry-after=N     the Retry-After seconds of status429 (default 1)
  max-per-path=N    after N consecutive faults on one method+path the next request passes
                    (default 2), so a client that retries enough always finishes

Determinism: the fault for the k-th request to a method+path is drawn from
random.Random(f"{seed}|{method}|{path}|{k}"), so it depends only on the seed and on what that
client asked for that path, not on how concurrent requests interleave. Paths are taken without
the query, and upload session ids (/blobs/uploads/<id>) are replaced by `{upload}` because the
registry chooses them anew on every run.

GET /__faults answers JSON counters: requests, forwarded, and faults injected by kind. One line
per request goes to stderr: method, path without query, then the status or `fault=KIND`.

NOT for production: no TLS, no HTTP/2, one upstream.
"""
import argparse
import asyncio
import json
import random
import re
import signal
import sys

CHUNK = 64 * 1024
MAX_HEAD = 64 * 1024
KINDS = ("status500", "status429", "close-mid-blob")
BLOB_GET = re.compile(r"^/v2/.+/blobs/[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")
UPLOAD_ID = re.compile(r"(/blobs/uploads/)[^/]+$")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "expect", "te", "upgrade"}


class BadRequest(Exception):
    pass


class UpstreamError(Exception):
    pass


def parse_spec(text):
    spec = {"status500": 0.0, "status429": 0.0, "close-mid-blob": 0.0,
            "retry-after": 1, "max-per-path": 2}
    for item in filter(None, (part.strip() for part in (text or "").split(","))):
        key, sep, value = item.partition("=")
        if not sep or key not in spec:
            raise ValueError(f"bad fault {item!r}; known: {', '.join(spec)}")
        spec[key] = int(value) if key in ("retry-after", "max-per-path") else float(value)
    if sum(spec[k] for k in KINDS) > 1.0 or any(spec[k] < 0 for k in KINDS):
        raise ValueError("fault probabilities must be >= 0 and add up to at most 1")
    return spec


class Faults:
    """Decides, per request, which fault (if any) to inject, and counts what happened."""

    def __init__(self, spec, seed):
        self.spec, self.seed = spec, seed
        self.attempts = {}      # key -> requests seen
        self.consecutive = {}   # key -> faults injected since the last request that passed
        self.counts = {"requests": 0, "forwarded": 0, "faults": dict.fromkeys(KINDS, 0)}

    @staticmethod
    def key(method, path):
        return method + " " + UPLOAD_ID.sub(r"\1{upload}", path)

    def choose(self, method, path):
        key = self.key(method, path)
        k = self.attempts.get(key, 0)
        self.attempts[key] = k + 1
        self.counts["requests"] += 1
        if self.consecutive.get(key, 0) >= self.spec["max-per-path"]:
            return None
        r = random.Random(f"{self.seed}|{key}|{k}").random()
        for kind in KINDS:
            if kind == "close-mid-blob" and not (method == "GET" and BLOB_GET.match(path)):
                continue
            if r < self.spec[kind]:
                return kind
            r -= self.spec[kind]
        return None

    def record(self, method, path, kind):
        """kind: the fault really injected, or None when the request passed."""
        key = self.key(method, path)
        if kind is None:
            self.consecutive[key] = 0
        else:
            self.consecutive[key] = self.consecutive.get(key, 0) + 1
            self.counts["faults"][kind] += 1

    def report(self):
        return dict(self.counts, faults_total=sum(self.counts["faults"].values()))


async def read_head(reader, prefix=b""):
    """The start line and headers (list of (name, value)), or None at a clean EOF. prefix: bytes
    of the head already read."""
    try:
        data = prefix + await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if not (prefix + e.partial).strip():
            return None
        raise BadRequest("connection closed inside a message head") from e
    except asyncio.LimitOverrunError as e:
        raise BadRequest("message head too large") from e
    lines = data.decode("latin-1").split("\r\n")
    headers = []
    for line in lines[1:]:
        if line:
            name, sep, value = line.partition(":")
            if not sep:
                raise BadRequest(f"bad header line {line!r}")
            headers.append((name.strip(), value.strip()))
    return lines[0], headers


def header(headers, name):
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def is_chunked(headers):
    te = header(headers, "transfer-encoding")
    return te is not None and te.lower().split(",")[-1].strip() == "chunked"


async def copy_body(reader, headers, sink, *, until_eof=False, limit=None):
    """Reads one message body as framed by headers, passing the raw bytes (chunked framing
    included) to sink (an async callable, or None to discard). limit: stop after that many
    body bytes of a Content-Length body (returns False then). Returns True when complete."""
    async def out(data):
        if sink is not None and data:
            await sink(data)

    if is_chunked(headers):
        while True:
            line = await reader.readuntil(b"\r\n")
            await out(line)
            size = int(line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while True:  # trailers, then the empty line
                    trailer = await reader.readuntil(b"\r\n")
                    await out(trailer)
                    if trailer == b"\r\n":
                        return True
            while size > 0:
                data = await reader.read(min(CHUNK, size))
                if not data:
                    raise asyncio.IncompleteReadError(b"", size)
                size -= len(data)
                await out(data)
            await out(await reader.readexactly(2))
    length = header(headers, "content-length")
    if length is not None:
        remaining = int(length)
        if limit is not None:
            remaining = min(remaining, limit)
        while remaining > 0:
            data = await reader.read(min(CHUNK, remaining))
            if not data:
                raise asyncio.IncompleteReadError(b"", remaining)
            remaining -= len(data)
            await out(data)
        return limit is None or limit >= int(length)
    if until_eof:
        while data := await reader.read(CHUNK):
            await out(data)
    return True


def error_response(status, reason, code, message, extra=(), head_only=False, close=False):
    body = json.dumps({"errors": [{"code": code, "message": message, "detail": None}]}).encode()
    lines = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json; charset=utf-8",
             f"Content-Length: {len(body)}", "Docker-Distribution-API-Version: registry/2.0",
             *extra]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (b"" if head_only else body)


class Proxy:
    def __init__(self, upstream, faults):
        self.upstream_host, self.upstream_port = upstream
        self.faults = faults

    @staticmethod
    def log(method, path, outcome):
        print(f"fault_proxy: {method} {path} {outcome}", file=sys.stderr, flush=True)

    async def handle(self, reader, writer):
        try:
            first = await reader.read(1)
            if first == b"\x16":
                # A TLS ClientHello: clients that try HTTPS first (skopeo with
                # --tls-verify=false) fall back to HTTP on this answer, as Go's own server
                # gives it (net/http server.go); waiting for a request head would stall them
                # until their TLS handshake timeout.
                writer.write(b"HTTP/1.0 400 Bad Request\r\n\r\n"
                             b"Client sent an HTTP request to an HTTPS server.\n")
                await writer.drain()
                return
            if await self.exchange(reader, writer, first):
                while await self.exchange(reader, writer):
                    pass
        except (BadRequest, ValueError) as e:
            self.log("-", "-", f"bad request: {e}")
            try:
                writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
                await writer.drain()
            except ConnectionError:
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client went away
        finally:
            writer.close()

    async def exchange(self, reader, writer, prefix=b""):
        """Serves one request; returns whether the client connection stays open."""
        head = await read_head(reader, prefix)
        if head is None:
            return False
        start, headers = head
        parts = start.split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise BadRequest(f"bad request line {start!r}")
        method, target, version = parts
        path = target.split("?", 1)[0]
        connection = (header(headers, "connection") or "").lower()
        keep_alive = version == "HTTP/1.1" and connection != "close"
        if (header(headers, "expect") or "").lower() == "100-continue":
            # We take the body ourselves (the upstream never sees the Expect header).
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            await writer.drain()

        if path == "/__faults":
            await copy_body(reader, headers, None)
            body = json.dumps(self.faults.report(), indent=1).encode() + b"\n"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         + f"Content-Length: {len(body)}\r\n\r\n".encode()
                         + (b"" if method == "HEAD" else body))
            await writer.drain()
            return keep_alive

        kind = self.faults.choose(method, path)
        if kind in ("status500", "status429"):
            await copy_body(reader, headers, None)
            if kind == "status500":
                response = error_response(500, "Internal Server Error", "UNKNOWN",
                                          "fault_proxy: injected 500",
                                          head_only=method == "HEAD", close=not keep_alive)
            else:
                seconds = self.faults.spec["retry-after"]
                response = error_response(429, "Too Many Requests", "TOOMANYREQUESTS",
                                          "fault_proxy: injected 429",
                                          extra=[f"Retry-After: {seconds}"],
                                          head_only=method == "HEAD", close=not keep_alive)
            writer.write(response)
            await writer.drain()
            self.faults.record(method, path, kind)
            self.log(method, path, f"fault={kind}")
            return keep_alive
        return await self.forward(reader, writer, start, headers, method, path, kind, keep_alive)

    async def forward(self, reader, writer, start, headers, method, path, kind, keep_alive):
        try:
            up_reader, up_writer = await asyncio.open_connection(
                self.upstream_host, self.upstream_port, limit=MAX_HEAD)
        except OSError as e:
            await copy_body(reader, headers, None)
            return await self.bad_gateway(writer, method, path, e)
        try:
            return await self.relay(reader, writer, up_reader, up_writer,
                                    start, headers, method, path, kind, keep_alive)
        except UpstreamError as e:  # raised only before any of the response went out
            return await self.bad_gateway(writer, method, path, e)
        finally:
            up_writer.close()

    async def bad_gateway(self, writer, method, path, error):
        writer.write(error_response(502, "Bad Gateway", "UNAVAILABLE",
                                    f"fault_proxy: upstream: {error}", close=True))
        await writer.drain()
        self.faults.record(method, path, None)
        self.log(method, path, f"502 (upstream: {error})")
        return False

    async def relay(self, reader, writer, up_reader, up_writer, start, headers, method, path,
                    kind, keep_alive):
        """Forwards the request and streams the response back. Errors talking to the upstream
        before the response head arrived raise UpstreamError; any later error (either side)
        propagates and ends the client connection."""
        lines = [start] + [f"{k}: {v}" for k, v in headers if k.lower() not in HOP_BY_HOP]
        lines.append("Connection: close")

        async def to_upstream(data):
            try:
                up_writer.write(data)
                await up_writer.drain()
            except ConnectionError as e:
                raise UpstreamError(e) from e

        await to_upstream(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await copy_body(reader, headers, to_upstream)
        self.faults.counts["forwarded"] += 1

        while True:  # interim 1xx responses are passed on as they are
            try:
                head = await read_head(up_reader)
            except (BadRequest, ConnectionError, asyncio.IncompleteReadError) as e:
                raise UpstreamError(e) from e
            if head is None:
                raise UpstreamError("closed the connection without a response")
            status_line, response_headers = head
            try:
                status = int(status_line.split(" ", 2)[1])
            except (IndexError, ValueError) as e:
                raise UpstreamError(f"bad status line {status_line!r}") from e
            if status >= 200 or status == 101:
                break
            writer.write((status_line + "\r\n" + "".join(
                f"{k}: {v}\r\n" for k, v in response_headers) + "\r\n").encode("latin-1"))

        has_body = method != "HEAD" and status not in (204, 304)
        chunked = is_chunked(response_headers)
        length = header(response_headers, "content-length")
        keep_alive = keep_alive and (not has_body or chunked or length is not None)
        length = int(length or 0)
        cut = (kind == "close-mid-blob" and has_body and status in (200, 206)
               and not chunked and length > 0)
        out = [status_line] + [f"{k}: {v}" for k, v in response_headers
                               if k.lower() not in HOP_BY_HOP]
        if not keep_alive or cut:
            out.append("Connection: close")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))

        async def to_client(data):
            writer.write(data)
            await writer.drain()

        if has_body:
            await copy_body(up_reader, response_headers, to_client, until_eof=True,
                            limit=length // 2 if cut else None)
        await writer.drain()
        if cut:
            self.faults.record(method, path, kind)
            self.log(method, path, f"{status} fault={kind} (sent {length // 2} of {length} bytes)")
            return False
        self.faults.record(method, path, None)
        self.log(method, path, str(status))
        return keep_alive


def host_port(text):
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"want HOST:PORT, got {text!r}")
    return host, int(port)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", type=host_port, required=True)
    parser.add_argument("--upstream", type=host_port, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--faults", default="", help="SPEC, see the module documentation")
    args = parser.parse_args()
    try:
        spec = parse_spec(args.faults)
    except ValueError as e:
        parser.error(f"--faults: {e}")
    proxy = Proxy(args.upstream, Faults(spec, args.seed))
    server = await asyncio.start_server(proxy.handle, *args.listen, limit=MAX_HEAD)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"fault_proxy: listening on {args.listen[0]}:{args.listen[1]}, upstream "
          f"{args.upstream[0]}:{args.upstream[1]}, seed {args.seed}, faults {spec}",
          file=sys.stderr, flush=True)
    async with server:
        await stop.wait()
    print(f"fault_proxy: stopped; {json.dumps(proxy.faults.report())}", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
