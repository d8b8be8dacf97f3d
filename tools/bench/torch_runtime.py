"""What torchinfo does, timed as a whole process by tools/bench/run.js: import torch, build every
top-level model of a generated benchmark file (a file we generated ourselves, never user code),
register a forward hook on every module and run one forward pass on the input its shape comment
declares (N = 1). Prints the number of hooked calls so the run can be checked."""
import re
import sys

import torch

source = open(sys.argv[1]).read()
namespace = {}
exec(compile(source, sys.argv[1], "exec"), namespace)

calls = 0


def hook(module, inputs, output):
    global calls
    calls += 1


pattern = re.compile(r"^class (\w+)\(nn\.Module\):\n(?:(?!^class ).*\n)*?    def forward\(self, x\):  # x: \[N, ([\d, ]+)\]", re.M)
with torch.no_grad():
    for name, dims in pattern.findall(source):
        model = namespace[name]().eval()
        for m in model.modules():
            m.register_forward_hook(hook)
        model(torch.zeros(1, *[int(d) for d in dims.split(",")]))
print(calls)
