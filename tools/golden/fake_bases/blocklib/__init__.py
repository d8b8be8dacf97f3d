"""Stand-in for a made-up layer library whose base the fixtures reach as blocklib.layers.LayerBase (see ../README.md)."""
from . import layers  # noqa: F401
