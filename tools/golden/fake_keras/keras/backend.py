"""keras.backend: the image data format (Keras 3 keeps these aliases of keras.config)."""
from ._state import image_data_format, set_image_data_format  # noqa: F401


def clear_session():
    pass
