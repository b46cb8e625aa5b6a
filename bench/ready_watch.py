#!/usr/bin/env python3
"""Prints "TIME NAME" the moment a watched ChartMirror is first seen Ready=True for its current
generation: bench/operator.sh's clock for apply → Ready.

ready_watch.py KUBECTL KUBECONFIG NAMESPACE

Runs `kubectl get chartmirrors --watch -o json` as its child, reads the stream of objects, and
stops the child when it is stopped (SIGTERM), so the caller needs only this process's PID.
"""
import json
import signal
import subprocess
import sys
import time


def main():
    kubectl, kubeconfig, namespace = sys.argv[1:4]
    child = subprocess.Popen(
        [kubectl, "--kubeconfig", kubeconfig, "-n", namespace, "get", "chartmirrors",
         "--watch", "-o", "json"], stdout=subprocess.PIPE, text=True)

    def stop(*_):
        child.terminate()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    decoder = json.JSONDecoder()
    buffer = ""
    seen = set()
    for line in child.stdout:
        buffer += line
        while True:
            stripped = buffer.lstrip()
            try:
                obj, end = decoder.raw_decode(stripped)
            except ValueError:
                break
            buffer = stripped[end:]
            status = obj.get("status") or {}
            ready = [c for c in status.get("conditions", []) if c.get("type") == "Ready"]
            name = obj["metadata"]["name"]
            current = status.get("observedGeneration") == obj["metadata"].get("generation")
            if ready and ready[0].get("status") == "True" and current and name not in seen:
                seen.add(name)
                print(f"{time.time():.6f} {name}", flush=True)


if __name__ == "__main__":
    main()
