"""An autoencoder: strided valid convs down, Conv2DTranspose up, cropped to the input and added."""
import keras
from keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
x = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")(x)
x = layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu")(x)
x = layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu")(x)
x = layers.Conv2D(1, 3, padding="same")(x)
outputs = layers.Add()([inputs, x])
model = keras.Model(inputs, outputs)
