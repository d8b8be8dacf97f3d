"""A FiLM-conditioned conv block: a conditioning vector scales and shifts every channel."""
import torch.nn as nn
import torch.nn.functional as F


class FiLMBlock(nn.Module):
    def __init__(self, in_ch=3, ch=32, cond_dim=16):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, ch, 5, stride=2)
        self.conv2 = nn.Conv2d(ch, ch, 3)
        self.film = nn.Linear(cond_dim, 2 * ch)
        self.head = nn.Linear(ch * 4 * 4, 10)

    def forward(self, x, cond):  # cond: [N, 16]
        h = F.relu(self.conv1(x))
        gamma, beta = self.film(cond).chunk(2, dim=1)
        h = self.conv2(h) * (1 + gamma[:, :, None, None]) + beta[:, :, None, None]
        h = F.adaptive_max_pool2d(F.relu(h), 4)
        return self.head(h.flatten(1))
