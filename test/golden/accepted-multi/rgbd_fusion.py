"""Two-stream RGB-D net: each modality has its own small encoder, fused by concatenating channels."""
import torch
import torch.nn as nn


def encoder(in_ch, width):
    return nn.Sequential(
        nn.Conv2d(in_ch, width, 3),
        nn.BatchNorm2d(width),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
        nn.Conv2d(width, width, 3, padding=1),
        nn.ReLU(inplace=True),
    )


class RGBDFusion(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.rgb_stream = encoder(3, 32)
        self.depth_stream = encoder(1, 16)
        self.fuse = nn.Conv2d(48, 64, 1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(64, num_classes)

    def forward(self, rgb, depth):
        a = self.rgb_stream(rgb)
        b = self.depth_stream(depth)
        fused = torch.relu(self.fuse(torch.cat([a, b], dim=1)))
        return self.classifier(torch.flatten(self.pool(fused), 1))
