"""Pooled then upsampled maps are always even-sized; a Linear expecting 50 features never fits."""
import torch
import torch.nn as nn


class ImpossibleHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.Upsample(scale_factor=2)
        self.fc = nn.Linear(50, 10)

    def forward(self, x):
        x = self.up(self.pool(self.conv(x)))
        return self.fc(torch.flatten(x, 1))
