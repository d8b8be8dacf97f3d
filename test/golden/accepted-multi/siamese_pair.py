"""A Siamese network: one shared encoder for both images, compared by their embeddings' distance."""
import torch
import torch.nn as nn


class SiamesePair(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 5),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, dilation=2),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d((2, 2)),
            nn.Flatten(),
        )
        self.head = nn.Linear(128, 1)

    def forward(self, a, b):
        distance = torch.abs(self.encoder(a) - self.encoder(b))
        return torch.sigmoid(self.head(distance))
