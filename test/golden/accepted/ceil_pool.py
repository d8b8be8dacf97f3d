"""Max-pools with ceil_mode=True (kernel ≥ stride, no padding), as in GoogLeNet's stem."""
import torch.nn as nn


class CeilPool(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 7, stride=2, padding=3)
        self.pool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.pool2 = nn.MaxPool2d(3, stride=3, ceil_mode=True)
        self.out = nn.Conv2d(8, 4, 3)

    def forward(self, x):
        return self.out(self.pool2(self.pool1(self.conv(x))))
