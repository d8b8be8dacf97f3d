// torchvision.models builders written as Python that ConvShape itself runs (torchvision.ts):
// MobileNet V2/V3, EfficientNet B0-B7, DenseNet, SqueezeNet.
// Written for ConvShape from the architectures torchvision 0.14 builds (same layers, names and
// parameter counts); weights are never read.
export const MOBILE_DENSE = String.raw`
# ---- MobileNet V2 and V3 ------------------------------------------------------------------------

class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand_ratio):
        super().__init__()
        hidden = int(round(cin * expand_ratio))
        self.use_res_connect = stride == 1 and cin == cout
        layers = []
        if expand_ratio != 1:
            layers.append(_conv_bn_act(cin, hidden, 1, act=nn.ReLU6))
        layers.append(_conv_bn_act(hidden, hidden, 3, stride, groups=hidden, act=nn.ReLU6))
        layers.append(nn.Conv2d(hidden, cout, 1, 1, 0, bias=False))
        layers.append(nn.BatchNorm2d(cout))
        self.conv = nn.Sequential(*layers)
        self.out_channels = cout

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes=1000, width_mult=1.0, round_nearest=8, dropout=0.2):
        super().__init__()
        plan = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]]
        channels = _divisible(32 * width_mult, round_nearest)
        self.last_channel = _divisible(1280 * max(1.0, width_mult), round_nearest)
        features = [_conv_bn_act(3, channels, 3, 2, act=nn.ReLU6)]
        for t, c, n, s in plan:
            out = _divisible(c * width_mult, round_nearest)
            for i in range(n):
                features.append(InvertedResidual(channels, out, s if i == 0 else 1, t))
                channels = out
        features.append(_conv_bn_act(channels, self.last_channel, 1, act=nn.ReLU6))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout), nn.Linear(self.last_channel, num_classes))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.features(x), (1, 1))
        return self.classifier(torch.flatten(x, 1))


def mobilenet_v2(weights=None, progress=True, pretrained=False, **kwargs):
    return MobileNetV2(**kwargs)


class MobileBlock(nn.Module):
    # MobileNetV3's inverted residual: expand, depthwise, squeeze-and-excite, project.
    def __init__(self, cin, kernel, expanded, cout, use_se, hard, stride, dilation):
        super().__init__()
        self.use_res_connect = stride == 1 and cin == cout
        act = nn.Hardswish if hard else nn.ReLU
        layers = []
        if expanded != cin:
            layers.append(_conv_bn_act(cin, expanded, 1, act=act, eps=0.001))
        layers.append(
            _conv_bn_act(expanded, expanded, kernel, 1 if dilation > 1 else stride, expanded, act, dilation, 0.001)
        )
        if use_se:
            layers.append(SqueezeExcitation(expanded, _divisible(expanded // 4, 8), nn.ReLU, nn.Hardsigmoid))
        layers.append(_conv_bn_act(expanded, cout, 1, act=None, eps=0.001))
        self.block = nn.Sequential(*layers)
        self.out_channels = cout

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result += x
        return result


_V3_LARGE = [
    [16, 3, 16, 16, False, False, 1, 1],
    [16, 3, 64, 24, False, False, 2, 1],
    [24, 3, 72, 24, False, False, 1, 1],
    [24, 5, 72, 40, True, False, 2, 1],
    [40, 5, 120, 40, True, False, 1, 1],
    [40, 5, 120, 40, True, False, 1, 1],
    [40, 3, 240, 80, False, True, 2, 1],
    [80, 3, 200, 80, False, True, 1, 1],
    [80, 3, 184, 80, False, True, 1, 1],
    [80, 3, 184, 80, False, True, 1, 1],
    [80, 3, 480, 112, True, True, 1, 1],
    [112, 3, 672, 112, True, True, 1, 1],
    [112, 5, 672, 160, True, True, 2, 1],
    [160, 5, 960, 160, True, True, 1, 1],
    [160, 5, 960, 160, True, True, 1, 1],
]

_V3_SMALL = [
    [16, 3, 16, 16, True, False, 2, 1],
    [16, 3, 72, 24, False, False, 2, 1],
    [24, 3, 88, 24, False, False, 1, 1],
    [24, 5, 96, 40, True, True, 2, 1],
    [40, 5, 240, 40, True, True, 1, 1],
    [40, 5, 240, 40, True, True, 1, 1],
    [40, 5, 120, 48, True, True, 1, 1],
    [48, 5, 144, 48, True, True, 1, 1],
    [48, 5, 288, 96, True, True, 2, 1],
    [96, 5, 576, 96, True, True, 1, 1],
    [96, 5, 576, 96, True, True, 1, 1],
]


class MobileNetV3(nn.Module):
    def __init__(self, plan, last_channel, num_classes=1000, dropout=0.2):
        super().__init__()
        first = plan[0][0]
        layers = [_conv_bn_act(3, first, 3, 2, act=nn.Hardswish, eps=0.001)]
        for cin, kernel, expanded, cout, use_se, hard, stride, dilation in plan:
            layers.append(MobileBlock(cin, kernel, expanded, cout, use_se, hard, stride, dilation))
        lastconv_in = plan[-1][3]
        lastconv_out = 6 * lastconv_in
        layers.append(_conv_bn_act(lastconv_in, lastconv_out, 1, act=nn.Hardswish, eps=0.001))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Linear(lastconv_out, last_channel),
            nn.Hardswish(inplace=True),
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(last_channel, num_classes),
        )

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def mobilenet_v3_large(weights=None, progress=True, pretrained=False, **kwargs):
    return MobileNetV3(_V3_LARGE, 1280, **kwargs)


def mobilenet_v3_small(weights=None, progress=True, pretrained=False, **kwargs):
    return MobileNetV3(_V3_SMALL, 1024, **kwargs)


# ---- EfficientNet B0-B7 ------------------------------------------------------------------------

_EFFICIENT_STAGES = [
    [1, 3, 1, 32, 16, 1],
    [6, 3, 2, 16, 24, 2],
    [6, 5, 2, 24, 40, 2],
    [6, 3, 2, 40, 80, 3],
    [6, 5, 1, 80, 112, 3],
    [6, 5, 2, 112, 192, 4],
    [6, 3, 1, 192, 320, 1],
]


class MBConv(nn.Module):
    def __init__(self, expand_ratio, kernel, stride, cin, cout):
        super().__init__()
        self.use_res_connect = stride == 1 and cin == cout
        expanded = _divisible(cin * expand_ratio, 8)
        layers = []
        if expanded != cin:
            layers.append(_conv_bn_act(cin, expanded, 1, act=nn.SiLU))
        layers.append(_conv_bn_act(expanded, expanded, kernel, stride, expanded, nn.SiLU))
        layers.append(SqueezeExcitation(expanded, max(1, cin // 4), nn.SiLU))
        layers.append(_conv_bn_act(expanded, cout, 1, act=None))
        self.block = nn.Sequential(*layers)
        # StochasticDepth drops whole samples in training: it keeps the shape and has no weights.
        self.stochastic_depth = nn.Identity()
        self.out_channels = cout

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result = self.stochastic_depth(result)
            result += x
        return result


class EfficientNet(nn.Module):
    def __init__(self, width_mult, depth_mult, dropout, num_classes=1000, stochastic_depth_prob=0.2):
        super().__init__()
        stages = []
        for ratio, kernel, stride, cin, cout, count in _EFFICIENT_STAGES:
            stages.append([ratio, kernel, stride, _divisible(cin * width_mult, 8), _divisible(cout * width_mult, 8), int(math.ceil(count * depth_mult))])
        layers = [_conv_bn_act(3, stages[0][3], 3, 2, act=nn.SiLU)]
        for ratio, kernel, stride, cin, cout, count in stages:
            blocks = []
            for i in range(count):
                blocks.append(MBConv(ratio, kernel, stride if i == 0 else 1, cin if i == 0 else cout, cout))
            layers.append(nn.Sequential(*blocks))
        last_in = stages[-1][4]
        layers.append(_conv_bn_act(last_in, 4 * last_in, 1, act=nn.SiLU))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(4 * last_in, num_classes))

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def efficientnet_b0(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.0, 1.0, 0.2, **kwargs)


def efficientnet_b1(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.0, 1.1, 0.2, **kwargs)


def efficientnet_b2(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.1, 1.2, 0.3, **kwargs)


def efficientnet_b3(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.2, 1.4, 0.3, **kwargs)


def efficientnet_b4(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.4, 1.8, 0.4, **kwargs)


def efficientnet_b5(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.6, 2.2, 0.4, **kwargs)


def efficientnet_b6(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(1.8, 2.6, 0.5, **kwargs)


def efficientnet_b7(weights=None, progress=True, pretrained=False, **kwargs):
    return EfficientNet(2.0, 3.1, 0.5, **kwargs)


# ---- DenseNet ---------------------------------------------------------------------------------

class _DenseLayer(nn.Module):
    def __init__(self, cin, growth_rate, bn_size, drop_rate):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(cin)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(cin, bn_size * growth_rate, kernel_size=1, stride=1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1, padding=1, bias=False)

    def forward(self, features):
        x = torch.cat(features, 1)
        x = self.conv1(self.relu1(self.norm1(x)))
        return self.conv2(self.relu2(self.norm2(x)))


class _DenseBlock(nn.ModuleDict):
    def __init__(self, count, cin, bn_size, growth_rate, drop_rate):
        super().__init__()
        for i in range(count):
            self.add_module("denselayer%d" % (i + 1), _DenseLayer(cin + i * growth_rate, growth_rate, bn_size, drop_rate))

    def forward(self, x):
        features = [x]
        for name, layer in self.items():
            features.append(layer(features))
        return torch.cat(features, 1)


def _transition(cin, cout):
    return nn.Sequential(
        OrderedDict(
            [
                ("norm", nn.BatchNorm2d(cin)),
                ("relu", nn.ReLU(inplace=True)),
                ("conv", nn.Conv2d(cin, cout, kernel_size=1, stride=1, bias=False)),
                ("pool", nn.AvgPool2d(kernel_size=2, stride=2)),
            ]
        )
    )


class DenseNet(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64, bn_size=4, drop_rate=0, num_classes=1000, memory_efficient=False):
        super().__init__()
        self.features = nn.Sequential(
            OrderedDict(
                [
                    ("conv0", nn.Conv2d(3, num_init_features, kernel_size=7, stride=2, padding=3, bias=False)),
                    ("norm0", nn.BatchNorm2d(num_init_features)),
                    ("relu0", nn.ReLU(inplace=True)),
                    ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
                ]
            )
        )
        channels = num_init_features
        for i, count in enumerate(block_config):
            self.features.add_module("denseblock%d" % (i + 1), _DenseBlock(count, channels, bn_size, growth_rate, drop_rate))
            channels = channels + count * growth_rate
            if i != len(block_config) - 1:
                self.features.add_module("transition%d" % (i + 1), _transition(channels, channels // 2))
                channels = channels // 2
        self.features.add_module("norm5", nn.BatchNorm2d(channels))
        self.classifier = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = F.relu(self.features(x), inplace=True)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        return self.classifier(torch.flatten(x, 1))


def densenet121(weights=None, progress=True, pretrained=False, **kwargs):
    return DenseNet(32, (6, 12, 24, 16), 64, **kwargs)


def densenet161(weights=None, progress=True, pretrained=False, **kwargs):
    return DenseNet(48, (6, 12, 36, 24), 96, **kwargs)


def densenet169(weights=None, progress=True, pretrained=False, **kwargs):
    return DenseNet(32, (6, 12, 32, 32), 64, **kwargs)


def densenet201(weights=None, progress=True, pretrained=False, **kwargs):
    return DenseNet(32, (6, 12, 48, 32), 64, **kwargs)


# ---- SqueezeNet ---------------------------------------------------------------------------------

class Fire(nn.Module):
    def __init__(self, cin, squeeze, expand1x1, expand3x3):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, kernel_size=1)
        self.squeeze_activation = nn.ReLU(inplace=True)
        self.expand1x1 = nn.Conv2d(squeeze, expand1x1, kernel_size=1)
        self.expand1x1_activation = nn.ReLU(inplace=True)
        self.expand3x3 = nn.Conv2d(squeeze, expand3x3, kernel_size=3, padding=1)
        self.expand3x3_activation = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.squeeze_activation(self.squeeze(x))
        return torch.cat([self.expand1x1_activation(self.expand1x1(x)), self.expand3x3_activation(self.expand3x3(x))], 1)


class SqueezeNet(nn.Module):
    def __init__(self, version="1_0", num_classes=1000, dropout=0.5):
        super().__init__()
        self.num_classes = num_classes
        if version == "1_0":
            self.features = nn.Sequential(
                nn.Conv2d(3, 96, kernel_size=7, stride=2),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(96, 16, 64, 64),
                Fire(128, 16, 64, 64),
                Fire(128, 32, 128, 128),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(256, 32, 128, 128),
                Fire(256, 48, 192, 192),
                Fire(384, 48, 192, 192),
                Fire(384, 64, 256, 256),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(512, 64, 256, 256),
            )
        else:
            self.features = nn.Sequential(
                nn.Conv2d(3, 64, kernel_size=3, stride=2),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(64, 16, 64, 64),
                Fire(128, 16, 64, 64),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(128, 32, 128, 128),
                Fire(256, 32, 128, 128),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(256, 48, 192, 192),
                Fire(384, 48, 192, 192),
                Fire(384, 64, 256, 256),
                Fire(512, 64, 256, 256),
            )
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout), nn.Conv2d(512, num_classes, kernel_size=1), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d((1, 1))
        )

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


def squeezenet1_0(weights=None, progress=True, pretrained=False, **kwargs):
    return SqueezeNet("1_0", **kwargs)


def squeezenet1_1(weights=None, progress=True, pretrained=False, **kwargs):
    return SqueezeNet("1_1", **kwargs)
`;
