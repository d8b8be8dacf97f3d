// torchvision.models builders written as Python that ConvShape itself runs (torchvision.ts):
// Shared by every builder: imports, channel rounding, convolution + norm + activation,
// squeeze-and-excitation.
// Written for ConvShape from the architectures torchvision 0.14 builds (same layers, names and
// parameter counts); weights are never read.
export const COMMON = String.raw`
import math
from collections import OrderedDict
import torch
import torch.nn as nn
import torch.nn.functional as F


def _divisible(value, divisor=8, floor=None):
    # Channel counts rounded to a multiple of divisor, never down by more than 10 %.
    least = divisor if floor is None else floor
    rounded = max(least, int(value + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * value:
        rounded += divisor
    return rounded


def _conv_bn_act(cin, cout, kernel_size=3, stride=1, groups=1, act=nn.ReLU, dilation=1, eps=1e-05):
    # Conv2dNormActivation: a padded convolution without bias, a BatchNorm, an activation.
    padding = (kernel_size - 1) // 2 * dilation
    parts = [
        nn.Conv2d(cin, cout, kernel_size, stride, padding, dilation=dilation, groups=groups, bias=False),
        nn.BatchNorm2d(cout, eps=eps),
    ]
    if act is not None:
        parts.append(act(inplace=True))
    return nn.Sequential(*parts)


class SqueezeExcitation(nn.Module):
    def __init__(self, channels, squeezed, act=nn.ReLU, gate=nn.Sigmoid):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(channels, squeezed, 1)
        self.fc2 = nn.Conv2d(squeezed, channels, 1)
        self.activation = act()
        self.scale_activation = gate()

    def forward(self, x):
        scale = self.scale_activation(self.fc2(self.activation(self.fc1(self.avgpool(x)))))
        return scale * x
`;
