"""ShuffleNet V2 style units: half the channels taken by slicing, the other half through a 1x1,
depthwise 3x3 and 1x1 branch, concatenated, then shuffled by view, permute and reshape; and a
DPN-style sum of channel slices. The slices and the shuffle move channels, never positions."""
import torch
import torch.nn as nn


class ShuffleUnit(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.half = channels // 2
        self.branch = nn.Sequential(
            nn.Conv2d(self.half, self.half, 1),
            nn.BatchNorm2d(self.half),
            nn.ReLU(),
            nn.Conv2d(self.half, self.half, 3, padding=1, groups=self.half),
            nn.BatchNorm2d(self.half),
            nn.Conv2d(self.half, self.half, 1),
        )

    def forward(self, x):
        x1, x2 = x[:, : self.half, :, :], x[:, self.half :, :, :]
        out = torch.cat([x1, self.branch(x2)], 1)
        n, c, h, w = out.size()
        return out.view(n, 2, c // 2, h, w).permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class ShuffleNetStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 5, padding=2)
        self.unit1 = ShuffleUnit(8)
        self.unit2 = ShuffleUnit(8)
        self.wide = nn.Conv2d(8, 8, 3, padding=1)
        self.head = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):  # x: [1, 3, 64, 64]
        y = self.unit2(self.unit1(self.stem(x)))
        z = self.wide(y)
        return self.head(z[:, :4] + y[:, 4:])
