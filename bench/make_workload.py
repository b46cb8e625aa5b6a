#!/usr/bin/env python3
"""Creates the copy-benchmark workloads as OCI image layouts, deterministically from a seed.

  W: 20 images (tags w-00..w-19), 4 layers each of 1, 5, 20 and 30 MiB of random bytes; 5 of
     them (w-00, w-04, ..., w-16) are OCI image indexes for linux/amd64 and linux/arm64/v8, each
     platform with its own layers. 125 blobs (layers and configs), about 1400.5 MiB.
  S: 50 images (tags s-00..s-49) of one layer holding 10 KiB of random bytes.

A layer is a tar holding one file of those bytes, gzip level 1; tar and gzip headers carry no
time stamps, so the same seed gives the same digests. One layout directory per workload,
CACHE/W and CACHE/S, every image tagged in its index.json (org.opencontainers.image.ref.name).
A layout is reused when its stamp (bench-stamp.json, the parameters) matches; otherwise it is
built in a temporary directory and renamed into place. bench-summary.json lists the tags and
the blob bytes, for bench/run.sh.

Usage: make_workload.py [--cache DIR] [--seed N] [W|S|all]    (prints the layout paths)
"""
import argparse
import concurrent.futures
import hashlib
import io
import json
import os
import random
import shutil
import sys
import tarfile
import zlib

MiB = 1024 * 1024
FORMAT = 1  # bump when the layout format changes, to rebuild cached layouts

WORKLOADS = {
    "W": {"images": 20, "prefix": "w", "layers": [1 * MiB, 5 * MiB, 20 * MiB, 30 * MiB],
          "multi_arch_every": 4},
    "S": {"images": 50, "prefix": "s", "layers": [10 * 1024], "multi_arch_every": 0},
}
AMD64 = {"architecture": "amd64", "os": "linux"}
ARM64 = {"architecture": "arm64", "os": "linux", "variant": "v8"}

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
REF_NAME = "org.opencontainers.image.ref.name"


class BlobWriter:
    """A file-like sink for tarfile: gzips what it is given and hashes both sides."""

    def __init__(self, path):
        self.file = open(path, "wb")
        self.gzip = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip wrapper, mtime 0
        self.diff_id = hashlib.sha256()
        self.digest = hashlib.sha256()
        self.size = 0

    def _out(self, data):
        self.digest.update(data)
        self.size += len(data)
        self.file.write(data)

    def write(self, data):
        self.diff_id.update(data)
        self._out(self.gzip.compress(data))
        return len(data)

    def close(self):
        self._out(self.gzip.flush())
        self.file.close()


def make_layer(blobs_dir, seed_text, size):
    """Writes one layer blob; returns (digest, size, diff_id)."""
    data = random.Random(seed_text).randbytes(size)
    tmp = os.path.join(blobs_dir, f"tmp-{hashlib.sha256(seed_text.encode()).hexdigest()}")
    sink = BlobWriter(tmp)
    with tarfile.open(fileobj=sink, mode="w|", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo("data.bin")
        info.size, info.mtime, info.mode = size, 0, 0o644
        tar.addfile(info, io.BytesIO(data))
    sink.close()
    digest = sink.digest.hexdigest()
    os.replace(tmp, os.path.join(blobs_dir, digest))
    return f"sha256:{digest}", sink.size, f"sha256:{sink.diff_id.hexdigest()}"


def write_json_blob(blobs_dir, value):
    data = json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs_dir, digest), "wb") as f:
        f.write(data)
    return {"digest": f"sha256:{digest}", "size": len(data)}


def build(out_dir, name, seed, jobs):
    spec = WORKLOADS[name]
    blobs_dir = os.path.join(out_dir, "blobs", "sha256")
    os.makedirs(blobs_dir)
    # Every (image, platform) with its layer sizes; layers are made in parallel.
    images = []
    for i in range(spec["images"]):
        tag = f"{spec['prefix']}-{i:02d}"
        multi = spec["multi_arch_every"] and i % spec["multi_arch_every"] == 0
        images.append((tag, [AMD64, ARM64] if multi else [AMD64], bool(multi)))
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {}
        for tag, platforms, _ in images:
            for platform in platforms:
                arch = platform["architecture"]
                for n, size in enumerate(spec["layers"]):
                    key = (tag, arch, n)
                    futures[key] = pool.submit(make_layer, blobs_dir,
                                               f"{seed}|{name}|{tag}|{arch}|{n}", size)
        layers = {key: f.result() for key, f in futures.items()}

    index = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": []}
    summary = {"workload": name, "seed": seed, "images": []}
    for tag, platforms, multi in images:
        manifests, image_bytes, image_blobs = [], 0, 0
        for platform in platforms:
            arch = platform["architecture"]
            parts = [layers[(tag, arch, n)] for n in range(len(spec["layers"]))]
            config = write_json_blob(blobs_dir, {
                **platform, "created": "1970-01-01T00:00:00Z",
                "config": {"Labels": {"bench.chartmirror.image": tag}},
                "rootfs": {"type": "layers", "diff_ids": [diff for _, _, diff in parts]},
            })
            manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
                        "config": {"mediaType": OCI_CONFIG, **config},
                        "layers": [{"mediaType": OCI_LAYER, "digest": d, "size": s}
                                   for d, s, _ in parts]}
            descriptor = {"mediaType": OCI_MANIFEST, **write_json_blob(blobs_dir, manifest)}
            manifests.append({**descriptor, "platform": platform})
            image_bytes += config["size"] + sum(s for _, s, _ in parts)
            image_blobs += 1 + len(parts)
        if multi:
            top = {"mediaType": OCI_INDEX, **write_json_blob(blobs_dir, {
                "schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests})}
        else:
            top = {k: v for k, v in manifests[0].items() if k != "platform"}
        index["manifests"].append({**top, "annotations": {REF_NAME: tag}})
        summary["images"].append({"tag": tag, "multi_arch": multi, "blobs": image_blobs,
                                  "blob_bytes": image_bytes})

    summary["blobs"] = sum(i["blobs"] for i in summary["images"])
    summary["blob_bytes"] = sum(i["blob_bytes"] for i in summary["images"])
    with open(os.path.join(out_dir, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    with open(os.path.join(out_dir, "bench-summary.json"), "w") as f:
        json.dump(summary, f, indent=1)


def ensure(cache, name, seed, jobs):
    out_dir = os.path.join(cache, name)
    stamp = {"format": FORMAT, "seed": seed, "workload": name, **WORKLOADS[name]}
    stamp_path = os.path.join(out_dir, "bench-stamp.json")
    try:
        with open(stamp_path) as f:
            if json.load(f) == stamp:
                return out_dir, False
    except (OSError, ValueError):
        pass
    tmp = f"{out_dir}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(cache, exist_ok=True)
    try:
        build(tmp, name, seed, jobs)
        with open(os.path.join(tmp, "bench-stamp.json"), "w") as f:
            json.dump(stamp, f, indent=1)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.rename(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir, True


def main():
    default_cache = os.path.join(
        os.environ.get("CHARTMIRROR_CACHE", os.path.expanduser("~/.cache/chartmirror")), "bench")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", nargs="?", default="all", choices=["W", "S", "all"])
    parser.add_argument("--cache", default=default_cache, help=f"default {default_cache}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    for name in (["W", "S"] if args.workload == "all" else [args.workload]):
        out_dir, built = ensure(args.cache, name, args.seed, args.jobs)
        with open(os.path.join(out_dir, "bench-summary.json")) as f:
            summary = json.load(f)
        print(f"make_workload: {name}: {'built' if built else 'reused'} {out_dir}: "
              f"{len(summary['images'])} images, {summary['blobs']} blobs, "
              f"{summary['blob_bytes'] / MiB:.1f} MiB", file=sys.stderr)
        print(out_dir)


if __name__ == "__main__":
    main()
