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
        show = lambda path: subprocess.run(["git", "-C", git_dir, "show", f"{entry['commit']}:{path}"],
                                           check=True, capture_output=True, text=True).stdout
        # Files the measured one imports, at their own paths (packages and relative imports work as
        # in the repository); only NAME.py files at the top are measured.
        for path in entry.get("alongside", []):
            os.makedirs(os.path.join(out, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(out, path), "w", encoding="utf-8") as f:
                f.write(show(path))
        # No path: the measured file is the driver alone, importing the files laid out alongside.
        text = show(entry["path"]) if entry.get("path") else ""
        if entry.get("cutBefore"):  # a script's training code after its models: left out
            cut = re.search(entry["cutBefore"], text, flags=re.M)
            text = text[: cut.start()] if cut else text
        if entry.get("disableMainGuard"):
            text = re.sub(r"^if __name__ == ['\"]__main__['\"]:", "if False:", text, flags=re.M)
        head = text.rstrip("\n") + "\n\n\n" if text else ""
        with open(os.path.join(out, entry["name"] + ".py"), "w", encoding="utf-8") as f:
            f.write(head + "# Driver lines added for the measurement\n" + entry["driver"] + "\n")
    print(f"{len(sample['files'])} files in {out}")


if __name__ == "__main__":
    main()
