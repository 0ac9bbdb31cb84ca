"""Exodus network signatures applied the regex way, as an oracle for NetworkSignatures.

A tracker's network_signature is a Python regex; a host belongs to the tracker when re.search finds it
anywhere in the host (an empty signature names no host).

usage: exodus_network_oracle.py TRACKERS_JSON HOSTS
prints one line per host: host, a tab, the ids of the trackers found (comma-separated, maybe none).
"""
import json
import re
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    trackers = json.load(f)["trackers"]
compiled = [(t["id"], re.compile(t["network_signature"])) for t in trackers if t["network_signature"]]
with open(sys.argv[2], encoding="utf-8") as f:
    hosts = [line.strip() for line in f if line.strip() and not line.startswith("#")]
for host in hosts:
    ids = [str(i) for i, sig in compiled if sig.search(host)]
    sys.stdout.write(host + "\t" + ",".join(ids) + "\n")
