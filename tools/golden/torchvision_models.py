"""Golden data for ConvShape's torchvision.models constructors, from real torchvision.

Each case is a small Python snippet that builds `model` (a constructor, then maybe the surgery
people do) and calls it on a sample input. This script runs the snippet with real torchvision
and records what PyTorch gives: the output shape or the error text, the parameter count, the
trainable count, and the output of every leaf module by its named_modules() name. The model runs
in eval mode; GoogLeNet and Inception v3, whose output depends on the mode, run in training mode
too (`train`: the output, a namedtuple as a list of shapes, or the error). A builder's error
(a ValueError before any model exists) is the case's error. test/unit/analysis/ analyses the
same snippet text with ConvShape and compares.

Nothing is downloaded: for the cases that name weights, torchvision's builder runs as it is
(which weights decide num_classes, image_size, the auxiliary heads) but the state dict it would
load is empty and load_state_dict does nothing, so the architecture is the one the weights get.

Run: /usr/bin/python3 tools/golden/torchvision_models.py > test/golden/torchvision_models.json
With `--reuse FILE...` (earlier outputs of this script, or the JSON lines it appends to
$GOLDEN_PARTIAL as it goes), a case whose key and snippet are unchanged keeps the record made
before by the same torch and torchvision, and only the others run.
"""
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
import torchvision
from torchvision.models._api import WeightsEnum

warnings.filterwarnings("ignore")
# One thread: the machine this runs on is shared, and the shapes do not depend on it.
torch.set_num_threads(1)

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
    # Sizes may be (H, W).
    "googlenet": (["googlenet"], [224, 32, 8, (224, 160)]),
    "inception": (["inception_v3"], [299, 75, 74, (299, 200)]),
    "shufflenet": (["shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0"],
                   [224, 64, 1, (224, 160)]),
    "mnasnet": (["mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3"], [224, 64, 1, (160, 224)]),
    # A ViT takes exactly its image_size: 225 and a non-square input are refused by its asserts.
    "vit": (["vit_b_16", "vit_b_32", "vit_l_32"], [224, 225, (224, 160)]),
    # The largest ViTs (60 and 167 GFLOPs an image) only where they refuse the input, which they do
    # before computing anything: their parameter counts, and the output that stays unknown.
    "vit large": (["vit_l_16", "vit_h_14"], [225, (224, 160)]),
}

# Families whose output depends on the mode (auxiliary heads in training mode).
TWO_MODES = ("googlenet", "inception")

HEADER = "import torch\nimport torch.nn as nn\nimport torchvision.models as models\n"


def size_text(size):
    return f"{size[0]}x{size[1]}" if isinstance(size, tuple) else str(size)


def sample(size):
    h, w = size if isinstance(size, tuple) else (size, size)
    return f"out = model(torch.randn(2, 3, {h}, {w}))\n"


def constructor_cases():
    for family, (names, sizes) in FAMILIES.items():
        for name in names:
            for i, size in enumerate(sizes):
                classes = [1000, 10] if i == 0 else [7]
                for n in classes:
                    arg = "weights=None" if n == 1000 else f"weights=None, num_classes={n}"
                    yield f"{name}/{n}/{size_text(size)}", f"{HEADER}model = models.{name}({arg})\n{sample(size)}"


# Arguments of the new families' constructors, and the weights that change their architecture.
ARGUMENT_CASES = {
    "googlenet aux_logits=False": ("models.googlenet(weights=None, aux_logits=False)", [224, 96]),
    "googlenet transform_input": ("models.googlenet(weights=None, transform_input=True, num_classes=5)", [224]),
    "googlenet weights": ("models.googlenet(weights=models.GoogLeNet_Weights.IMAGENET1K_V1)", [224]),
    "googlenet weights, aux kept": ('models.googlenet(weights="DEFAULT", aux_logits=True)', [224]),
    "googlenet pretrained": ("models.googlenet(pretrained=True)", [224]),
    "googlenet weights, num_classes": ('models.googlenet(weights="DEFAULT", num_classes=10)', [224]),
    "inception_v3 aux_logits=False": ("models.inception_v3(weights=None, aux_logits=False)", [299, 75]),
    "inception_v3 weights": ("models.inception_v3(weights=models.Inception_V3_Weights.DEFAULT)", [299]),
    "inception_v3 weights, aux_logits=False": ('models.inception_v3(weights="DEFAULT", aux_logits=False)', [299]),
    "vit_b_16 image_size=160": ("models.vit_b_16(weights=None, image_size=160)", [160, 224]),
    "vit_b_32 image_size=96, representation": ("models.vit_b_32(image_size=96, representation_size=128, num_classes=3)", [96]),
    "vit_b_16 image_size=100": ("models.vit_b_16(image_size=100)", [100]),
    "vit_b_16 SWAG weights": ("models.vit_b_16(weights=models.ViT_B_16_Weights.IMAGENET1K_SWAG_E2E_V1)", [384, 224]),
    "vit_b_32 pretrained": ("models.vit_b_32(pretrained=True)", [224]),
    "vit_b_16 weights, num_classes": ('models.vit_b_16(weights="IMAGENET1K_V1", num_classes=10)', [224]),
    "shufflenet_v2_x1_0 weights": ("models.shufflenet_v2_x1_0(weights=models.ShuffleNet_V2_X1_0_Weights.DEFAULT)", [224]),
    "mnasnet1_0 weights": ('models.mnasnet1_0(weights="DEFAULT")', [224]),
}


def argument_cases():
    for key, (build, sizes) in ARGUMENT_CASES.items():
        for size in sizes:
            yield f"arguments: {key}/{size_text(size)}", f"{HEADER}model = {build}\n{sample(size)}"


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
    "googlenet fc replaced": (
        "model = models.googlenet(weights=None, aux_logits=False)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n"
    ),
    "googlenet fc replaced, aux on": "model = models.googlenet(weights=None)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n",
    "googlenet aux dropped": (
        "model = models.googlenet(weights=None)\nmodel.aux_logits = False\nmodel.aux1 = None\nmodel.aux2 = None\n"
        "model.fc = nn.Linear(model.fc.in_features, 4)\n"
    ),
    "inception_v3 fc and aux fc replaced": (
        "model = models.inception_v3(weights=None)\n"
        "model.AuxLogits.fc = nn.Linear(model.AuxLogits.fc.in_features, 5)\n"
        "model.fc = nn.Linear(model.fc.in_features, 5)\n"
    ),
    "inception_v3 no aux, fc replaced": (
        "model = models.inception_v3(weights=None, aux_logits=False)\nmodel.fc = nn.Linear(model.fc.in_features, 6)\n"
    ),
    "vit_b_16 head replaced": (
        "model = models.vit_b_16(weights=None)\nmodel.heads.head = nn.Linear(model.heads.head.in_features, 10)\n"
    ),
    "vit_b_32 heads replaced": (
        "model = models.vit_b_32(weights=None)\n"
        "model.heads = nn.Sequential(nn.Linear(768, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, 3))\n"
    ),
    "shufflenet_v2_x1_0 fc replaced": (
        "model = models.shufflenet_v2_x1_0(weights=None)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n"
    ),
    "shufflenet_v2_x0_5 frozen, fc replaced": (
        "model = models.shufflenet_v2_x0_5(weights=None)\nfor p in model.parameters():\n    p.requires_grad = False\n"
        "model.fc = nn.Linear(model.fc.in_features, 2)\n"
    ),
    "mnasnet1_0 classifier[1]": (
        "model = models.mnasnet1_0(weights=None)\nmodel.classifier[1] = nn.Linear(model.classifier[1].in_features, 10)\n"
    ),
    "mnasnet0_5 layers only": "model = models.mnasnet0_5(weights=None).layers\n",
    "googlenet wrong head": "model = models.googlenet(weights=None, aux_logits=False)\nmodel.fc = nn.Linear(2048, 10)\n",
    "inception_v3 wrong head": "model = models.inception_v3(weights=None, aux_logits=False)\nmodel.fc = nn.Linear(1024, 10)\n",
    "vit_b_16 wrong head": "model = models.vit_b_16(weights=None)\nmodel.heads.head = nn.Linear(1024, 10)\n",
    "shufflenet_v2_x2_0 wrong head": "model = models.shufflenet_v2_x2_0(weights=None)\nmodel.fc = nn.Linear(1024, 10)\n",
    "mnasnet1_3 wrong head": "model = models.mnasnet1_3(weights=None)\nmodel.classifier[1] = nn.Linear(1024, 10)\n",
    "vision_transformer import": "from torchvision.models.vision_transformer import vit_b_32\nmodel = vit_b_32(num_classes=4)\n",
    "googlenet import": "from torchvision.models.googlenet import googlenet\nmodel = googlenet(aux_logits=False)\n",
}


def surgery_cases():
    for key, body in SURGERY.items():
        for size in [299, 96] if "inception" in key else [224, 96]:
            yield f"surgery: {key}/{size}", f"{HEADER}{body}{sample(size)}"


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
    if isinstance(t, tuple):  # GoogLeNetOutputs, InceptionOutputs
        return [shape(x) for x in t]
    return list(t.shape) if isinstance(t, torch.Tensor) else None


def no_download(self, *args, **kwargs):
    return {}


def load_nothing(self, state_dict, strict=True):
    return None


def build(text, scope):
    """Runs the building part of a case as torchvision would, without loading any weights."""
    get_state_dict, load_state_dict = WeightsEnum.get_state_dict, nn.Module.load_state_dict
    WeightsEnum.get_state_dict, nn.Module.load_state_dict = no_download, load_nothing
    try:
        exec(text, scope)
    finally:
        WeightsEnum.get_state_dict, nn.Module.load_state_dict = get_state_dict, load_state_dict


def forward(call, scope):
    """The call's output shape, or PyTorch's error (its first line)."""
    try:
        with torch.no_grad():
            exec("out = " + call, scope)
        return {"output": shape(scope["out"])}
    except Exception as e:  # the framework's own words
        return {"error": str(e).split("\n")[0]}


def run(key, source):
    scope = {}
    leaves = {}
    # Build: everything before the call line.
    text, call = source.rsplit("out = ", 1)
    try:
        build(text, scope)
    except Exception as e:  # a builder's ValueError: no model at all
        return {"params": None, "trainable": None, "error": str(e).split("\n")[0], "leaves": {}}
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
    case.update(forward(call, scope))
    if any(family in key for family in TWO_MODES):
        # Leaves called in training mode only (the auxiliary heads) join the eval-mode ones.
        model.train()
        train = forward(call, scope)
        case["train"] = train.get("output", train.get("error"))
    case["leaves"] = leaves
    return case


def main():
    earlier = {}
    versions = {"torch": torch.__version__, "torchvision": torchvision.__version__}
    for path in sys.argv[2:] if sys.argv[1:2] == ["--reuse"] else []:
        with open(path) as f:
            docs = [json.loads(line) for line in f] if path.endswith(".jsonl") else [json.load(f)]
        for doc in docs:
            if all(doc[k] == v for k, v in versions.items()):
                earlier.update({(c["key"], c["source"]): c for c in doc["cases"]})
    partial = os.environ.get("GOLDEN_PARTIAL")
    cases = []
    for key, source in [
        *constructor_cases(),
        *argument_cases(),
        *surgery_cases(),
        *modern_cases(),
        *modern_surgery_cases(),
    ]:
        case = earlier.get((key, source))
        if case is None:
            case = {"key": key, "source": source, **run(key, source)}
            if partial:
                with open(partial, "a") as f:
                    f.write(json.dumps({**versions, "cases": [case]}) + "\n")
        cases.append(case)
        print(key, case.get("output", case.get("error")), file=sys.stderr)
    json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__, "cases": cases}, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
