#!/usr/bin/python3
"""Real-PyTorch goldens for a folder of model files that are not part of the repository.

Each DIR/NAME.py (a public model file with driver lines appended, see README.md here) is run
with the fixture recorder of tools/golden/pytorch_models.py, and DIR/NAME.torch.json is written
beside it, in the fixtures' format.

Usage: /usr/bin/python3 tools/realcode/torch_goldens.py DIR
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "golden"))
import pytorch_models  # noqa: E402  (the fixture recorder: one way of recording for both)


def main():
    folder = os.path.abspath(sys.argv[1])
    pytorch_models.install_hooks()
    for name in sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py")):
        sys.path.insert(0, folder)  # a file may import its siblings
        try:
            golden = pytorch_models.run_fixture(os.path.join(folder, name + ".py"))
        finally:
            sys.path.remove(folder)
        with open(os.path.join(folder, name + ".torch.json"), "w", encoding="utf-8") as f:
            f.write(pytorch_models.dump(golden))
        leaves = sum(1 for c in golden["calls"] if c["leaf"] and c["name"] is not None)
        err = golden["error"]
        print(f"{name}: {leaves} leaf calls" + (f"; raised {err['type']}: {err['message'][:70]}" if err else ""))


if __name__ == "__main__":
    main()
