"""A dilated max-pool and a strided convolution before a global max-pool."""
import torch.nn as nn


class DilatedPoolGAP(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(3, stride=1, dilation=3)
        self.conv = nn.Conv2d(3, 6, 4, stride=3)
        self.gap = nn.AdaptiveMaxPool2d((1, 1))

    def forward(self, x):
        return self.gap(self.conv(self.pool(x))).flatten(1)
