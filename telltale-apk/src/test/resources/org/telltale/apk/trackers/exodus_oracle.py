"""Exodus Privacy's own tracker matching, as an oracle for ClassSignatureMatcher.

Follows exodus-core exodus_core/analysis/static_analysis.py (AGPL-3.0; re-stated here, not copied):
class names are taken from plain `dexdump` output with the Perl pattern /[A-Z]+((?:\\w+\\/)+\\w+)/
(first hit per line, sorted and unique), and a tracker is found when re.search(code_signature, name)
hits for a tracker whose code_signature is longer than 3 characters.

usage: exodus_oracle.py TRACKERS_JSON DEXDUMP_OUTPUT EXTRA_NAMES
prints one line per name: name, a tab, the ids of the trackers found (comma-separated, maybe none).
"""
import json
import re
import sys

trackers_json, dexdump_output, extra_names = sys.argv[1:4]
with open(trackers_json, encoding="utf-8") as f:
    trackers = json.load(f)["trackers"]
compiled = [(t["id"], re.compile(t["code_signature"])) for t in trackers if len(t["code_signature"]) > 3]

perl_pattern = re.compile(rb"[A-Z]+((?:\w+/)+\w+)", re.ASCII)
names = set()
with open(dexdump_output, "rb") as f:
    for line in f:
        m = perl_pattern.search(line)
        if m:
            names.add(m.group(1).decode("utf-8", "replace"))
with open(extra_names, encoding="utf-8") as f:
    names.update(line.rstrip("\n") for line in f if line.strip())

out = sys.stdout
for name in sorted(names):
    ids = [str(i) for i, sig in compiled if sig.search(name)]
    out.write(name + "\t" + ",".join(ids) + "\n")
