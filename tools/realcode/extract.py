#!/usr/bin/python3
"""Lays out the real-code sample (sample.json) in a folder outside the repository.

Needs each repository as a git directory (the search tool's fetch: MIRROR/OWNER+NAME/repo).
Usage: python3 tools/realcode/extract.py MIRROR OUT_DIR
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    mirror, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sample = json.load(open(os.path.join(HERE, "sample.json")))
    for entry in sample["files"]:
        git_dir = os.path.join(mirror, entry["repo"].replace("/", "+"), "repo")
        text = subprocess.run(["git", "-C", git_dir, "show", f"{entry['commit']}:{entry['path']}"],
                              check=True, capture_output=True, text=True).stdout
        if entry.get("cutBefore"):  # a script's training code after its models: left out
            cut = re.search(entry["cutBefore"], text, flags=re.M)
            text = text[: cut.start()] if cut else text
        if entry.get("disableMainGuard"):
            text = re.sub(r"^if __name__ == ['\"]__main__['\"]:", "if False:", text, flags=re.M)
        with open(os.path.join(out, entry["name"] + ".py"), "w", encoding="utf-8") as f:
            f.write(text.rstrip("\n") + "\n\n\n# Driver lines added for the measurement\n" + entry["driver"] + "\n")
    print(f"{len(sample['files'])} files in {out}")


if __name__ == "__main__":
    main()
