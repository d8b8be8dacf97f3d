"""An image classifier that also reads tabular metadata: pooled image features concatenated with it."""
import keras
from keras import layers

image = keras.Input(shape=(None, None, 3), name="image")
meta = keras.Input(shape=(12,), name="meta")

x = layers.Conv2D(32, 5, strides=2, activation="relu")(image)
x = layers.Conv2D(64, 3, dilation_rate=2, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
m = layers.Dense(16, activation="relu")(meta)

joined = layers.Concatenate()([x, m])
outputs = layers.Dense(5, activation="softmax")(joined)
model = keras.Model(inputs=[image, meta], outputs=outputs)
