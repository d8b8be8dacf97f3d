"""Three stride-2 convolutions concatenated with an 8×8 max-pool of the input."""
import torch
import torch.nn as nn


class PyramidCat(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1),
            nn.Conv2d(8, 8, 3, stride=2, padding=1),
            nn.Conv2d(8, 8, 3, stride=2, padding=1),
        )
        self.pool = nn.MaxPool2d(8)

    def forward(self, x):
        return torch.cat([self.down(x), self.pool(x)], dim=1)
