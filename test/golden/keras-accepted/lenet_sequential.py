"""LeNet as a Sequential with input_shape: the Dense after Flatten adapts, so it pins nothing."""
import keras
from keras import layers

model = keras.Sequential([
    layers.Conv2D(6, 5, activation="relu", input_shape=(32, 32, 1)),
    layers.MaxPooling2D(2),
    layers.Conv2D(16, 5, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(120, activation="relu"),
    layers.Dense(10),
])
