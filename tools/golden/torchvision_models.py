"""Golden data for ConvShape's torchvision.models constructors, from real torchvision.

Each case is a small Python snippet that builds `model` (a constructor, then maybe the surgery
people do) and calls it on a sample input. This script runs the snippet with real torchvision
(weights=None only: nothing is downloaded) and records what PyTorch gives: the output shape or
the error text, the parameter count, the trainable count, and the output of every leaf module
by its named_modules() name. test/unit/torchvision/ analyses the same snippet text with ConvShape
and compares.

Run: python3 tools/golden/torchvision_models.py > test/golden/torchvision_models.json
"""
import json
import sys
import warnings

import torch
import torch.nn as nn
import torchvision

warnings.filterwarnings("ignore")

# Input sizes per family: one usual size, one small but accepted, and one too small when the
# architecture has one (pools that reach 0, AdaptiveAvgPool after a 1x1 map is fine).
FAMILIES = {
    "resnet": (["resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
                "resnext101_32x8d", "resnext101_64x4d", "wide_resnet50_2", "wide_resnet101_2"], [224, 64, 17]),
    "vgg": (["vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn"], [224, 32, 16]),
    "alexnet": (["alexnet"], [224, 64, 32]),
    "mobilenet": (["mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large"], [224, 64, 16]),
    "efficientnet": ([f"efficientnet_b{i}" for i in range(8)], [224, 64]),
    "densenet": (["densenet121", "densenet161", "densenet169", "densenet201"], [224, 64, 16]),
    "squeezenet": (["squeezenet1_0", "squeezenet1_1"], [224, 64, 16]),
}

HEADER = "import torch\nimport torch.nn as nn\nimport torchvision.models as models\n"


def constructor_cases():
    for family, (names, sizes) in FAMILIES.items():
        for name in names:
            for i, size in enumerate(sizes):
                classes = [1000, 10] if i == 0 else [7]
                for n in classes:
                    arg = "weights=None" if n == 1000 else f"weights=None, num_classes={n}"
                    yield f"{name}/{n}/{size}", (
                        f"{HEADER}model = models.{name}({arg})\n"
                        f"out = model(torch.randn(2, 3, {size}, {size}))\n"
                    )


SURGERY = {
    "resnet50 fc replaced": "model = models.resnet50(weights=None)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n",
    "resnet18 frozen, fc replaced": (
        "model = models.resnet18(weights=None)\nfor p in model.parameters():\n    p.requires_grad = False\n"
        "model.fc = nn.Linear(model.fc.in_features, 4)\n"
    ),
    "resnet34 fc identity": "model = models.resnet34(weights=None)\nmodel.fc = nn.Identity()\n",
    "resnet101 fc head": (
        "model = models.resnet101(weights=None)\n"
        "model.fc = nn.Sequential(nn.Linear(model.fc.in_features, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 5))\n"
    ),
    "resnet18 children trunk": "model = nn.Sequential(*list(models.resnet18(weights=None).children())[:-1])\n",
    "resnet50 children trunk": "model = nn.Sequential(*list(models.resnet50(weights=None).children())[:-2])\n",
    "vgg16 last layer replaced": (
        "model = models.vgg16(weights=None)\nmodel.classifier[-1] = nn.Linear(model.classifier[-1].in_features, 3)\n"
    ),
    "vgg19_bn classifier replaced": "model = models.vgg19_bn(weights=None)\nmodel.classifier[6] = nn.Linear(4096, 2)\n",
    "vgg16 features only": "model = models.vgg16(weights=None).features\n",
    "mobilenet_v2 classifier[1]": (
        "model = models.mobilenet_v2(weights=None)\nmodel.classifier[1] = nn.Linear(model.classifier[1].in_features, 6)\n"
    ),
    "mobilenet_v3_large classifier[3]": (
        "model = models.mobilenet_v3_large(weights=None)\nmodel.classifier[3] = nn.Linear(model.classifier[3].in_features, 8)\n"
    ),
    "efficientnet_b0 classifier[1]": (
        "model = models.efficientnet_b0(weights=None)\nmodel.classifier[1] = nn.Linear(model.classifier[1].in_features, 12)\n"
    ),
    "densenet121 classifier": "model = models.densenet121(weights=None)\nmodel.classifier = nn.Linear(model.classifier.in_features, 9)\n",
    "densenet121 features": "model = models.densenet121(weights=None).features\n",
    "alexnet classifier[6]": "model = models.alexnet(weights=None)\nmodel.classifier[6] = nn.Linear(4096, 10)\n",
    "resnet18 wrong in_features": "model = models.resnet18(weights=None)\nmodel.fc = nn.Linear(2048, 10)\n",
    "resnet50 wrong in_features": "model = models.resnet50(weights=None)\nmodel.fc = nn.Linear(512, 10)\n",
    "vgg16 wrong in_features": "model = models.vgg16(weights=None)\nmodel.classifier[0] = nn.Linear(512, 4096)\n",
    "densenet121 wrong head": "model = models.densenet121(weights=None)\nmodel.classifier = nn.Linear(2048, 10)\n",
    "mobilenet_v2 wrong head": "model = models.mobilenet_v2(weights=None)\nmodel.classifier[1] = nn.Linear(1024, 10)\n",
    "submodule import": "from torchvision.models.resnet import resnet18\nmodel = resnet18(num_classes=3)\n",
    "direct import": "from torchvision.models import efficientnet_b1\nmodel = efficientnet_b1(num_classes=3)\n",
}


def surgery_cases():
    for key, body in SURGERY.items():
        for size in [224, 96]:
            yield f"surgery: {key}/{size}", f"{HEADER}{body}out = model(torch.randn(2, 3, {size}, {size}))\n"


# ConvNeXt, RegNet X/Y, EfficientNet V2, sizes as (height, width). The first model of a family
# gets a usual square size (num_classes 1000 and 10), a non-square one and one too small where the
# architecture has one (ConvNeXt's last downsampling convolution needs 2x2; RegNet and EfficientNet
# V2 accept a 1x1 map); the larger variants one non-square size (building each takes long).
MODERN_FAMILIES = {
    "convnext": (["convnext_tiny", "convnext_small", "convnext_base", "convnext_large"], [(224, 224), (96, 160), (16, 16)]),
    "regnet": (["regnet_y_400mf", "regnet_x_400mf", "regnet_y_800mf"]
               + [f"regnet_y_{v}" for v in ["1_6gf", "3_2gf", "8gf", "16gf", "32gf", "128gf"]]
               + [f"regnet_x_{v}" for v in ["800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf"]], [(224, 224), (64, 96), (17, 17)]),
    "efficientnet_v2": (["efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l"], [(224, 224), (96, 128), (33, 33)]),
}
FULLY_COVERED = {"convnext_tiny", "regnet_y_400mf", "regnet_x_400mf", "efficientnet_v2_s"}


def modern_cases():
    for family, (names, sizes) in MODERN_FAMILIES.items():
        for name in names:
            for i, (h, w) in enumerate(sizes):
                if name not in FULLY_COVERED and i != 1:
                    continue
                classes = [1000, 10] if i == 0 else [7]
                for n in classes:
                    arg = "weights=None" if n == 1000 else f"weights=None, num_classes={n}"
                    yield f"{name}/{n}/{h}x{w}", (
                        f"{HEADER}model = models.{name}({arg})\n"
                        f"out = model(torch.randn(2, 3, {h}, {w}))\n"
                    )


MODERN_SURGERY = {
    "convnext_tiny classifier[2]": (
        "model = models.convnext_tiny(weights=None)\nmodel.classifier[2] = nn.Linear(model.classifier[2].in_features, 10)\n"
    ),
    "convnext_tiny frozen, classifier[2]": (
        "model = models.convnext_tiny(weights=None)\nfor p in model.parameters():\n    p.requires_grad = False\n"
        "model.classifier[2] = nn.Linear(model.classifier[2].in_features, 5)\n"
    ),
    "convnext_tiny wrong head": "model = models.convnext_tiny(weights=None)\nmodel.classifier[2] = nn.Linear(1024, 10)\n",
    "convnext_tiny features": "model = models.convnext_tiny(weights=None).features\n",
    "regnet_y_400mf fc": "model = models.regnet_y_400mf(weights=None)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n",
    "regnet_x_1_6gf fc head": (
        "model = models.regnet_x_1_6gf(weights=None)\n"
        "model.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(model.fc.in_features, 3))\n"
    ),
    "regnet_y_800mf wrong fc": "model = models.regnet_y_800mf(weights=None)\nmodel.fc = nn.Linear(440, 10)\n",
    "regnet_x_400mf children trunk": "model = nn.Sequential(*list(models.regnet_x_400mf(weights=None).children())[:-1])\n",
    "efficientnet_v2_s classifier[-1]": (
        "model = models.efficientnet_v2_s(weights=None)\n"
        "model.classifier[-1] = nn.Linear(model.classifier[-1].in_features, 10)\n"
    ),
    "efficientnet_v2_s wrong head": "model = models.efficientnet_v2_s(weights=None)\nmodel.classifier[-1] = nn.Linear(512, 10)\n",
    "convnext submodule import": (
        "from torchvision.models.convnext import convnext_tiny\n"
        "model = nn.Sequential(convnext_tiny(num_classes=16), nn.ReLU(), nn.Linear(16, 2))\n"
    ),
    "regnet submodule import": "from torchvision.models.regnet import regnet_x_400mf\nmodel = regnet_x_400mf(num_classes=4)\n",
    "modern direct import": "from torchvision.models import efficientnet_v2_s\nmodel = efficientnet_v2_s(num_classes=3)\n",
}


def modern_surgery_cases():
    for key, body in MODERN_SURGERY.items():
        for h, w in [(224, 224), (128, 96)]:
            yield f"surgery: {key}/{h}x{w}", f"{HEADER}{body}out = model(torch.randn(2, 3, {h}, {w}))\n"


def shape(t):
    return list(t.shape) if isinstance(t, torch.Tensor) else None


def run(source):
    scope = {}
    leaves = {}
    # Build: everything before the call line.
    build, call = source.rsplit("out = ", 1)
    exec(build, scope)
    model = scope["model"]
    model.eval()

    def hook(name):
        def record(module, inputs, output):
            leaves.setdefault(name, shape(output))  # a hook that returns None keeps the output

        return record

    for name, m in model.named_modules():
        if name and len(list(m.children())) == 0:
            m.register_forward_hook(hook(name))
    case = {
        "params": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
    }
    try:
        with torch.no_grad():
            exec("out = " + call, scope)
        case["output"] = shape(scope["out"])
    except Exception as e:  # the framework's own words
        case["error"] = str(e).split("\n")[0]
    case["leaves"] = leaves
    return case


def main():
    cases = []
    for key, source in [*constructor_cases(), *surgery_cases(), *modern_cases(), *modern_surgery_cases()]:
        case = {"key": key, "source": source, **run(source)}
        cases.append(case)
        print(key, case.get("output", case.get("error")), file=sys.stderr)
    json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__, "cases": cases}, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
