import keras
from keras import layers

inputs = keras.Input(shape=(None, None, 1))
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.MaxPooling2D(2)(x)
x = layers.Reshape((12 * 12 * 64,))(x)
x = layers.Dense(128, activation="relu")(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
