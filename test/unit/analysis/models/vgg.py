# golden: VGG 4,3,32,32 args=make_layers(cfg, batch_norm=True)
import torch
import torch.nn as nn
from collections import OrderedDict

cfg = [64, 'M', 128, 'M', 256, 256, 'M']


def make_layers(cfg, batch_norm=False):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    def __init__(self, features, num_classes=10):
        super().__init__()
        self.features = features
        self.classifier = nn.Sequential(OrderedDict([
            ('fc1', nn.Linear(256 * 4 * 4, 512)),
            ('relu', nn.ReLU(True)),
            ('fc2', nn.Linear(512, num_classes)),
        ]))

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        x = self.classifier(x)
        return x


net = VGG(make_layers(cfg, batch_norm=True))
y = net(torch.zeros(4, 3, 32, 32))
