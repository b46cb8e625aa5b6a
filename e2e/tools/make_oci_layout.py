#!/usr/bin/env python3
"""Writes a small OCI image layout for tests, with no image from outside.

make_oci_layout.py DIR TAG [--platforms linux/amd64,linux/arm64/v8] [--seed S] [--layer-kib N]

One platform: an image manifest tagged TAG. Several: an OCI index of one image per platform
(distinct layers), tagged TAG. Deterministic for a seed, so digests repeat across runs.
"""
import argparse, gzip, hashlib, io, json, os, random, tarfile

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("tag")
    parser.add_argument("--platforms", default="linux/amd64")
    parser.add_argument("--seed", default="chartmirror")
    parser.add_argument("--layer-kib", type=int, default=64)
    args = parser.parse_args()
    root = args.dir

    def blob(data):
        digest = hashlib.sha256(data).hexdigest()
        os.makedirs(f"{root}/blobs/sha256", exist_ok=True)
        with open(f"{root}/blobs/sha256/{digest}", "wb") as f:
            f.write(data)
        return {"digest": f"sha256:{digest}", "size": len(data)}

    def image(platform):
        rng = random.Random(f"{args.seed}/{platform}")
        payload = rng.randbytes(args.layer_kib * 1024)
        tar_bytes = io.BytesIO()
        with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
            info = tarfile.TarInfo("data.bin"); info.size = len(payload); info.mtime = 0
            tar.addfile(info, io.BytesIO(payload))
        layer_tar = tar_bytes.getvalue()
        layer = blob(gzip.compress(layer_tar, compresslevel=1, mtime=0))
        os_name, arch, *variant = platform.split("/")
        config = {"architecture": arch, "os": os_name,
                  "rootfs": {"type": "layers",
                             "diff_ids": ["sha256:" + hashlib.sha256(layer_tar).hexdigest()]}}
        if variant:
            config["variant"] = variant[0]
        config_blob = blob(json.dumps(config, sort_keys=True).encode())
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": dict(config_blob, mediaType="application/vnd.oci.image.config.v1+json"),
                    "layers": [dict(layer, mediaType="application/vnd.oci.image.layer.v1.tar+gzip")]}
        descriptor = dict(blob(json.dumps(manifest, sort_keys=True).encode()),
                          mediaType="application/vnd.oci.image.manifest.v1+json")
        platform_field = {"os": os_name, "architecture": arch}
        if variant:
            platform_field["variant"] = variant[0]
        return descriptor, platform_field

    platforms = args.platforms.split(",")
    if len(platforms) == 1:
        root_descriptor, _ = image(platforms[0])
    else:
        entries = []
        for platform in platforms:
            descriptor, platform_field = image(platform)
            entries.append(dict(descriptor, platform=platform_field))
        index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "manifests": entries}
        root_descriptor = dict(blob(json.dumps(index, sort_keys=True).encode()),
                               mediaType="application/vnd.oci.image.index.v1+json")
    root_descriptor["annotations"] = {"org.opencontainers.image.ref.name": args.tag}
    with open(f"{root}/index.json", "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [root_descriptor]}, f)
    with open(f"{root}/oci-layout", "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    print(root_descriptor["digest"])

if __name__ == "__main__":
    main()
