"""Generated model zoo (ConvShape benchmark input)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBNReLU0(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual0(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet0(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.stem = ConvBNReLU0(3, 64)
        self.stage1 = nn.Sequential(
            ConvBNReLU0(64, 128, stride=2),
            Residual0(128),
            Residual0(128),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU0(128, 256, stride=2),
            Residual0(256),
            Residual0(256),
            Residual0(256),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU0(256, 512, stride=2),
            Residual0(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 512)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):  # x: [N, 3, 96, 96]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU1(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual1(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet1(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = ConvBNReLU1(3, 32)
        self.stage1 = nn.Sequential(
            ConvBNReLU1(32, 64, stride=2),
            Residual1(64),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU1(64, 128, stride=2),
            Residual1(128),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU1(128, 256, stride=2),
            Residual1(256),
            Residual1(256),
        )
        self.stage4 = nn.Sequential(
            ConvBNReLU1(256, 512, stride=2),
            Residual1(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 256)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):  # x: [N, 3, 64, 64]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU2(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual2(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet2(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.stem = ConvBNReLU2(3, 64)
        self.stage1 = nn.Sequential(
            ConvBNReLU2(64, 128, stride=2),
            Residual2(128),
            Residual2(128),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU2(128, 256, stride=2),
            Residual2(256),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(256, 128)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(128, num_classes)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU3(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual3(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet3(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = ConvBNReLU3(3, 64)
        self.stage1 = nn.Sequential(
            ConvBNReLU3(64, 128, stride=2),
            Residual3(128),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU3(128, 256, stride=2),
            Residual3(256),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU3(256, 512, stride=2),
            Residual3(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 256)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):  # x: [N, 3, 96, 96]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class VGG4(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(32, 128, kernel_size=3, padding=1),
            nn.BatchNorm2d(128),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(8192, 256),
            nn.ReLU(inplace=True),
            nn.Dropout(0.5),
            nn.Linear(256, num_classes),
        )

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class AudioNet5(nn.Module):
    def __init__(self, n_classes=35):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=80, stride=16)
        self.bn1 = nn.BatchNorm1d(32)
        self.pool1 = nn.MaxPool1d(4)
        self.conv2 = nn.Conv1d(32, 64, kernel_size=3)
        self.bn2 = nn.BatchNorm1d(64)
        self.pool2 = nn.MaxPool1d(4)
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):  # x: [N, 1, 8000]
        x = self.pool1(F.relu(self.bn1(self.conv1(x))))
        x = self.pool2(F.relu(self.bn2(self.conv2(x))))
        x = F.avg_pool1d(x, x.shape[-1])
        x = x.permute(0, 2, 1)
        return F.log_softmax(self.fc(x), dim=2)


class ConvBNReLU6(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual6(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet6(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = ConvBNReLU6(3, 32)
        self.stage1 = nn.Sequential(
            ConvBNReLU6(32, 64, stride=2),
            Residual6(64),
            Residual6(64),
            Residual6(64),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU6(64, 128, stride=2),
            Residual6(128),
            Residual6(128),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU6(128, 256, stride=2),
            Residual6(256),
            Residual6(256),
        )
        self.stage4 = nn.Sequential(
            ConvBNReLU6(256, 512, stride=2),
            Residual6(512),
            Residual6(512),
            Residual6(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 256)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU7(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual7(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet7(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.stem = ConvBNReLU7(3, 64)
        self.stage1 = nn.Sequential(
            ConvBNReLU7(64, 128, stride=2),
            Residual7(128),
            Residual7(128),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU7(128, 256, stride=2),
            Residual7(256),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU7(256, 512, stride=2),
            Residual7(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 512)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):  # x: [N, 3, 96, 96]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU8(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual8(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet8(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = ConvBNReLU8(3, 32)
        self.stage1 = nn.Sequential(
            ConvBNReLU8(32, 64, stride=2),
            Residual8(64),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU8(64, 128, stride=2),
            Residual8(128),
            Residual8(128),
            Residual8(128),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU8(128, 256, stride=2),
            Residual8(256),
            Residual8(256),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(256, 512)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class VGG9(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 128, kernel_size=5, padding=2),
            nn.BatchNorm2d(128),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(128, 32, kernel_size=5, padding=2),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(32, 128, kernel_size=5, padding=2),
            nn.BatchNorm2d(128),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(128, 64, kernel_size=5, padding=2),
            nn.BatchNorm2d(64),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(256, 256),
            nn.ReLU(inplace=True),
            nn.Dropout(0.5),
            nn.Linear(256, num_classes),
        )

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class ConvBNReLU10(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual10(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet10(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = ConvBNReLU10(3, 32)
        self.stage1 = nn.Sequential(
            ConvBNReLU10(32, 64, stride=2),
            Residual10(64),
            Residual10(64),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU10(64, 128, stride=2),
            Residual10(128),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(128, 512)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(512, num_classes)

    def forward(self, x):  # x: [N, 3, 96, 96]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class ConvBNReLU11(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual11(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet11(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.stem = ConvBNReLU11(3, 64)
        self.stage1 = nn.Sequential(
            ConvBNReLU11(64, 128, stride=2),
            Residual11(128),
            Residual11(128),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU11(128, 256, stride=2),
            Residual11(256),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU11(256, 512, stride=2),
            Residual11(512),
            Residual11(512),
            Residual11(512),
        )
        self.stage4 = nn.Sequential(
            ConvBNReLU11(512, 512, stride=2),
            Residual11(512),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(512, 256)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):  # x: [N, 3, 32, 32]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class AudioNet12(nn.Module):
    def __init__(self, n_classes=35):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=80, stride=16)
        self.bn1 = nn.BatchNorm1d(32)
        self.pool1 = nn.MaxPool1d(4)
        self.conv2 = nn.Conv1d(32, 64, kernel_size=3)
        self.bn2 = nn.BatchNorm1d(64)
        self.pool2 = nn.MaxPool1d(4)
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):  # x: [N, 1, 16000]
        x = self.pool1(F.relu(self.bn1(self.conv1(x))))
        x = self.pool2(F.relu(self.bn2(self.conv2(x))))
        x = F.avg_pool1d(x, x.shape[-1])
        x = x.permute(0, 2, 1)
        return F.log_softmax(self.fc(x), dim=2)


class ConvBNReLU13(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Residual13(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.act = nn.ReLU()

    def forward(self, x):
        identity = x
        out = self.body(x)
        return self.act(out + identity)


class ResNet13(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.stem = ConvBNReLU13(3, 32)
        self.stage1 = nn.Sequential(
            ConvBNReLU13(32, 64, stride=2),
            Residual13(64),
            Residual13(64),
        )
        self.stage2 = nn.Sequential(
            ConvBNReLU13(64, 128, stride=2),
            Residual13(128),
            Residual13(128),
            Residual13(128),
        )
        self.stage3 = nn.Sequential(
            ConvBNReLU13(128, 256, stride=2),
            Residual13(256),
            Residual13(256),
        )
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Linear(256, 128)
        self.dropout = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(128, num_classes)

    def forward(self, x):  # x: [N, 3, 64, 64]
        x = self.stem(x)
        x = self.stage1(x)
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.pool(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        return self.fc2(x)


class VGG14(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(32, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(4608, 512),
            nn.ReLU(inplace=True),
            nn.Dropout(0.5),
            nn.Linear(512, num_classes),
        )

    def forward(self, x):  # x: [N, 1, 48, 48]
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class AudioNet15(nn.Module):
    def __init__(self, n_classes=35):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, kernel_size=80, stride=16)