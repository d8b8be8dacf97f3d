"""Merges a feature map into a second one by a residual add: out = body(x) + y."""
import torch.nn as nn


class ResidualMerge(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(),
            nn.Conv2d(channels, channels, 3, padding=1),
        )

    def forward(self, x, y):  # y: [N, 16, 32, 32]
        return self.body(x) + y
