"""Strided and dilated convolutions and a strided, dilated max-pool, ending in a global mean."""
import torch.nn as nn


class StridedDilated(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, stride=2, dilation=2)
        self.b = nn.Conv2d(8, 8, 5, stride=3, padding=1)
        self.pool = nn.MaxPool2d(3, stride=2, dilation=2)
        self.c = nn.Conv2d(8, 4, 3, padding=2, dilation=2)

    def forward(self, x):
        x = self.pool(self.b(self.a(x)))
        return self.c(x).mean((2, 3))
