"""Stand-in for mmcv (see ../README.md): only what the fixtures import."""
