"""A padded ceil_mode pool: whether the last window is dropped depends on the size (not followed)."""
import torch.nn as nn


class CeilPadded(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.out = nn.Conv2d(8, 4, 3)

    def forward(self, x):
        return self.out(self.pool(self.conv(x)))
