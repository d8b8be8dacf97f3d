"""keras.config: the image data format."""
from ._state import image_data_format, set_image_data_format  # noqa: F401
