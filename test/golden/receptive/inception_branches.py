"""Inception-style branches of 1x1, 3x3, dilated 3x3 and average pooling, concatenated, then a
strided convolution and one more: each branch's field differs, and the concatenation keeps the
largest."""
import torch
import torch.nn as nn


class Branches(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = nn.Conv2d(4, 4, 1)
        self.b3 = nn.Sequential(nn.Conv2d(4, 4, 1), nn.ReLU(), nn.Conv2d(4, 4, 3, padding=1))
        self.b5 = nn.Conv2d(4, 4, 3, padding=2, dilation=2)
        self.pool = nn.AvgPool2d(3, stride=1, padding=1)
        self.down = nn.Conv2d(16, 8, 3, stride=2, padding=1)
        self.out = nn.Conv2d(8, 8, 3, padding=1)

    def forward(self, x):  # x: [1, 4, 64, 64]
        y = torch.cat([self.b1(x), self.b3(x), self.b5(x), self.pool(x)], 1)
        return self.out(torch.relu(self.down(y)))
