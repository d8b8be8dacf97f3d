import torch
from torch import nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(9000, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


model = Head()
model(torch.randn(2, 1, 28, 28))
