"""Rectangular kernels and strides: the Linear pins H and W to different sizes."""
import torch
import torch.nn as nn


class WideHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, (3, 5), stride=(2, 3))
        self.fc = nn.Linear(4 * 6 * 10, 2)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))
