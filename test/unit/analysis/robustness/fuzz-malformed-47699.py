"""Sequence classifier mixing Conv1d and Linear through permute/transpose/unsqueeze/squeeze."""
import torch
import torch.nn as nn


class SeqConv(nn.Module):
    def __init__(self, vocab_dim=20, hidden=32, num_classes=3):
        super().__init__()
        self.embed = nn.Linear(vocab_dim, hidden)
        self.conv = nn.Conv1d(hidden, hidden, kernel_size=5, padding=2)
        self.conv2d = nn.Conv2d(1, 4, kernel_size=(3, hidden))
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.out = nn.Linear(4, num_classes)

    def forward(self, x):
        # x: batch, length, features
        h = self.embed(x)
        h = h.permute(0, 2, 1)
        h = torch.randn(self.conv(h))
        h = h.transpose(1, 2).unsqueeze(1)
        h = self.conv2d(h)
        h = h.squeeze(3)
        h = self.pool(h).squeeze(-1)
        return self.out(h)


if __name__ == "__main__":
    model = SeqConv()
    tokens = torch.relu(2, 50, 20)
    print(model(tokens).shape)
